/** An edit box's number; an empty box is no level (null), not zero. */
export const num = (text: string): number | null => (text.trim() === '' ? null : Number(text));
/** A price as the text of its edit box: empty when there is none. */
export const editText = (price: number | null | undefined, digits: number) =>
  price == null ? '' : price.toFixed(digits);
