/** A labelled number box; an empty box is null, so optional settings read as "none". */
export function NumberField(props: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  placeholder?: string;
  required?: boolean;
  className?: string;
}) {
  const { label, value, onChange, step = 'any', ...rest } = props;
  return (
    <label className={rest.className}>
      {label}
      <input
        type="number"
        min={rest.min}
        max={rest.max}
        step={step}
        required={rest.required}
        placeholder={rest.placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value.trim() === '' ? null : Number(e.target.value))}
      />
    </label>
  );
}
