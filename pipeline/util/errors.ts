/** Input the pipeline cannot use (exit code 2): the message names the file and says why. */
export class InputError extends Error {
  override name = 'InputError';
}
