/**
 * A step's help in one line, with more on demand: the line, and a small "More" button (a disclosure: Enter or
 * Space opens it, aria-expanded says which) that shows the rest under it.
 */
import { useId, useState } from "react";
import { Body1, Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  line: {
    margin: 0,
  },
  more: {
    minWidth: "24px",
    minHeight: "24px",
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    verticalAlign: "baseline",
  },
});

export interface HelpProps {
  /** The one line. */
  line: string;
  /** What the More button shows. */
  more: string;
  /** What the button's name says more about ("More about drop-down lists"). */
  about: string;
}

export function Help({ line, more, about }: HelpProps) {
  const styles = useStyles();
  const section = useSectionStyles();
  const [open, setOpen] = useState(false);
  const moreId = useId();
  return (
    <>
      <Body1 as="p" className={styles.line}>
        {line}{" "}
        <Button appearance="transparent" className={styles.more} aria-expanded={open} aria-controls={open ? moreId : undefined} aria-label={open ? `Less about ${about}` : `More about ${about}`} onClick={() => setOpen(!open)}>
          {open ? "Less" : "More"}
        </Button>
      </Body1>
      {/* Rendered only when open: a text component's own display would override a `hidden` attribute. */}
      {open && (
        <Body1 as="p" id={moreId} className={mergeClasses(styles.line, section.note)}>
          {more}
        </Body1>
      )}
    </>
  );
}
