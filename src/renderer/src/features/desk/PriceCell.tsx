/** A price, stop loss or take profit cell: the price, or a box while its row is being edited. */
export function PriceCell(props: {
  label: string;
  editing: boolean;
  text: string;
  onText: (text: string) => void;
}) {
  return (
    <td className="num">
      {props.editing ? (
        <input
          className="cell-input"
          inputMode="decimal"
          aria-label={props.label}
          placeholder="None"
          value={props.text}
          onChange={(e) => props.onText(e.target.value)}
        />
      ) : (
        props.text
      )}
    </td>
  );
}
