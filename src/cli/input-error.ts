/** Input the command cannot use (a file, an argument's value), with a message for the person who gave it: exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
