/** An edit box's number; an empty box is null (no stop loss, no take profit, no lots), never zero. */
export const num = (text: string): number | null => (text.trim() === '' ? null : Number(text));
/** A price as the text of its edit box: empty when there is none. */
export const editText = (price: number | null | undefined, digits: number) =>
  price == null ? '' : price.toFixed(digits);
