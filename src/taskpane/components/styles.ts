/** Styles shared by the pane's sections (Fluent UI tokens, so themes and high contrast follow). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useSectionStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: {
    margin: 0,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  row: {
    display: "flex",
    alignItems: "flex-end",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  grow: {
    flexGrow: 1,
    minWidth: "10em",
  },
  note: {
    color: tokens.colorNeutralForeground2,
  },
});

/** A Select as wide as its Field, however long its options (header texts can be a sentence). */
export const useSelectStyles = makeStyles({
  root: {
    width: "100%",
    maxWidth: "100%",
  },
  select: {
    minWidth: 0,
    width: "100%",
    textOverflow: "ellipsis",
  },
});

/** A folding heading's item and button, as the steps and the column mapping show them: a rule above, the heading's size and weight. */
export const useFoldStyles = makeStyles({
  item: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: {
    paddingLeft: 0,
    paddingRight: 0,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
  },
});
