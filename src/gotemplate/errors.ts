/** The one error type the engine lets escape; its message is Go's error string. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
