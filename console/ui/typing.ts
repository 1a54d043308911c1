import { createContext, useContext, useLayoutEffect } from "react";

/** Lets a text field tell the App that keys are text, so global shortcuts (1-6, q, tab) stand aside. */
export const TypingContext = createContext<(typing: boolean) => void>(() => {});

/** Mark "a text field is open" while the calling component is mounted. */
export function useTypingFocus(): void {
  const setTyping = useContext(TypingContext);
  // Layout effect: registered while React commits, before any later key can be read.
  useLayoutEffect(() => {
    setTyping(true);
    return () => setTyping(false);
  }, [setTyping]);
}
