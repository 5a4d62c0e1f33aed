/**
 * Parse tree of a Go text/template. Positions are offsets (UTF-16 units) into the text the
 * tree was parsed from; error messages convert them to Go's byte columns.
 */

export interface Source {
  /** Name given to parse(): Go's ParseName, shown in error locations. */
  readonly parseName: string;
  readonly text: string;
}

export interface ListNode {
  readonly type: 'list';
  readonly pos: number;
  readonly nodes: Node[];
}
export interface TextNode {
  readonly type: 'text';
  readonly pos: number;
  readonly text: string;
}
export interface CommentNode {
  readonly type: 'comment';
  readonly pos: number;
  readonly text: string;
}
export interface ActionNode {
  readonly type: 'action';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
}
export interface PipeNode {
  readonly type: 'pipe';
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
export interface CommandNode {
  readonly type: 'command';
  readonly pos: number;
  readonly args: ArgNode[];
}
export interface IdentifierNode {
  readonly type: 'identifier';
  readonly pos: number;
  readonly ident: string;
}
export interface VariableNode {
  readonly type: 'variable';
  readonly pos: number;
  readonly ident: string[];
}
export interface FieldNode {
  readonly type: 'field';
  readonly pos: number;
  readonly ident: string[];
}
export interface ChainNode {
  readonly type: 'chain';
  readonly pos: number;
  readonly node: ArgNode;
  readonly field: string[];
}
export interface DotNode {
  readonly type: 'dot';
  readonly pos: number;
}
export interface NilNode {
  readonly type: 'nil';
  readonly pos: number;
}
export interface BoolNode {
  readonly type: 'bool';
  readonly pos: number;
  readonly value: boolean;
}
export interface NumberNode {
  readonly type: 'number';
  readonly pos: number;
  /** Source text, e.g. "0x1F", "'a'", "1e3". */
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  /** set for imaginary/complex literals (1i, 1+2i): [real, imaginary] */
  readonly complex?: readonly [number, number];
  readonly int: bigint;
  readonly uint: bigint;
  readonly float: number;
}
export interface StringNode {
  readonly type: 'string';
  readonly pos: number;
  /** The original quoted text. */
  readonly quoted: string;
  readonly text: string;
}
export interface ControlNode {
  readonly type: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | null;
}
export interface TemplateNode {
  readonly type: 'template';
  readonly pos: number;
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | null;
}
export interface BreakNode {
  readonly type: 'break';
  readonly pos: number;
  readonly line: number;
}
export interface ContinueNode {
  readonly type: 'continue';
  readonly pos: number;
  readonly line: number;
}

export type ArgNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node = ListNode | TextNode | CommentNode | ActionNode | ControlNode | TemplateNode | BreakNode | ContinueNode;

/** A parsed template: its body plus the text it came from (for error locations). */
export interface Tree {
  readonly name: string;
  readonly source: Source;
  readonly root: ListNode;
}

/** Go's Node.String(), used verbatim in execution error contexts (`at <...>`). */
export function nodeString(n: Node | ArgNode | CommandNode): string {
  switch (n.type) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'field':
      return '.' + n.ident.join('.');
    case 'chain':
      return (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'if':
    case 'range':
    case 'with': {
      let s = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case 'template':
      return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
  }
}
