/** A small table of counts: glyph and word (and a swatch for RAG), never colour alone. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { CountLine } from "../../shared/host";
import type { Word } from "../wording";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  caption: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  row: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  word: {
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  count: {
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
    width: "4em",
  },
  glyph: {
    display: "inline-block",
    width: "1.4em",
    textAlign: "center",
    marginRight: tokens.spacingHorizontalXS,
  },
  swatch: {
    display: "inline-block",
    width: "0.9em",
    height: "0.9em",
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    verticalAlign: "-0.1em",
    marginRight: tokens.spacingHorizontalS,
  },
});

export interface CountTableProps {
  caption: string;
  lines: readonly CountLine[];
  words: Record<string, Word>;
  /** Show lines with a count of 0 too. */
  showZero?: boolean;
}

export function CountTable({ caption, lines, words, showZero = false }: CountTableProps) {
  const styles = useStyles();
  const shown = lines.filter((l) => showZero || l.count > 0);
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{caption}</caption>
      <tbody>
        {shown.map((line) => {
          const word = words[line.key] ?? { label: line.key, glyph: "", swatch: null };
          return (
            <tr key={line.key} className={styles.row}>
              <th scope="row" className={styles.word}>
                {word.swatch ? (
                  <span aria-hidden="true" className={styles.swatch} style={{ backgroundColor: word.swatch }} />
                ) : (
                  <span aria-hidden="true" className={styles.glyph}>
                    {word.glyph}
                  </span>
                )}
                {word.label}
              </th>
              <td className={styles.count}>{line.count}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
