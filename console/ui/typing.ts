import { createContext, useContext, useEffect } from "react";

/** Lets a text field tell the App that keys are text, so global shortcuts (1-6, q, tab) stand aside. */
export const TypingContext = createContext<(typing: boolean) => void>(() => {});

/** Mark "a text field is open" while the calling component is mounted. */
export function useTypingFocus(): void {
  const setTyping = useContext(TypingContext);
  useEffect(() => {
    setTyping(true);
    return () => setTyping(false);
  }, [setTyping]);
}
