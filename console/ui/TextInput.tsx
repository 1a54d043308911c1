import React, { useRef, useState } from "react";
import { Text, useInput } from "ink";
import { theme } from "./theme.js";
import { useTypingFocus } from "./typing.js";

/**
 * A one-line text field: typing edits, Enter submits, Esc cancels. `validate` returns an error line (shown
 * under the field) or undefined; submit is refused while it fails.
 */
export function TextInput({
  label,
  initial = "",
  placeholder = "",
  validate,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial?: string;
  placeholder?: string;
  validate?: (value: string) => string | undefined;
  onSubmit: (value: string) => void;
  onCancel?: () => void;
}) {
  useTypingFocus();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  // The handler reads the latest text through a ref: keys can arrive before React re-subscribes it.
  const current = useRef(initial);
  const update = (next: string) => {
    current.current = next;
    setValue(next);
  };
  const submit = () => {
    const problem = validate?.(current.current);
    setError(problem);
    if (!problem) onSubmit(current.current);
  };
  useInput((input, key) => {
    if (key.return) return submit();
    if (key.escape) return onCancel?.();
    if (key.backspace || key.delete) return update(current.current.slice(0, -1));
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    // Pasted or fast input can bring several characters, a newline among them, in one chunk.
    const newline = input.search(/[\r\n]/);
    if (newline >= 0) {
      update(current.current + input.slice(0, newline));
      return submit();
    }
    update(current.current + input);
  });
  return (
    <>
      <Text>
        <Text color={theme.muted}>{label} </Text>
        {value ? <Text>{value}</Text> : <Text color={theme.muted}>{placeholder}</Text>}
        <Text color={theme.accent}>▌</Text>
      </Text>
      {error && <Text color={theme.error}>{error}</Text>}
    </>
  );
}
