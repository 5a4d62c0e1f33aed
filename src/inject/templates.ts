/**
 * The injection templates, parsed once: each raw template is its own Go template named "inject"
 * (as istiod parses them, so error texts read `template: inject:LINE:COL: ...`) with sprig's
 * functions and Istio's on top.
 */
import { TemplateSet, TemplateError, type FuncMap, type GoValue } from '../gotemplate/index.js';
import { injectionFuncs } from './template-funcs.js';

export interface InjectTemplates {
  names(): string[];
  has(name: string): boolean;
  render(name: string, data: GoValue): string;
}

export class TemplateParseError extends Error {
  readonly templateName: string;
  constructor(templateName: string, message: string) {
    super(message);
    this.name = 'TemplateParseError';
    this.templateName = templateName;
  }
}

let sprigCache: FuncMap | undefined;

/** sprig's text functions, loaded once (istiod registers sprig.TxtFuncMap first, then its own). */
async function loadSprig(): Promise<FuncMap> {
  if (sprigCache) return sprigCache;
  const { sprigFuncs } = await import('../gotemplate/sprig.js');
  sprigCache = Object.fromEntries(sprigFuncs());
  return sprigCache;
}

export async function compileTemplates(raw: ReadonlyMap<string, string>, env: Readonly<Record<string, string | undefined>>): Promise<InjectTemplates> {
  const funcs: FuncMap = { ...(await loadSprig()), ...injectionFuncs(env) };
  const sets = new Map<string, TemplateSet>();
  for (const [name, text] of raw) {
    const set = new TemplateSet({ funcs, rootName: 'inject' });
    try {
      set.parse('inject', text);
    } catch (e) {
      if (e instanceof TemplateError) throw new TemplateParseError(name, e.message);
      throw e;
    }
    sets.set(name, set);
  }
  return {
    names: () => [...sets.keys()],
    has: (name) => sets.has(name),
    render: (name, data) => {
      const set = sets.get(name);
      if (!set) throw new Error(`no template ${name}`);
      return set.execute('inject', data);
    },
  };
}
