/**
 * On a word we do not know ("Stalled"): the offer to keep it as the
 * organisation's own word, with the meaning it most likely has chosen, and
 * saved (after the usual confirmation) in the workbook's "Delivery plan words" sheet.
 */
import { useState } from "react";
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { OwnWord, WordOffer } from "../../shared/host";
import { useSelectStyles } from "./styles";

const useStyles = makeStyles({
  row: {
    display: "flex",
    alignItems: "flex-end",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  field: {
    minWidth: "10em",
  },
});

export interface WordOfferRowProps {
  offer: WordOffer;
  busy: boolean;
  onTreat: (word: OwnWord) => void;
}

export function WordOfferRow({ offer, busy, onTreat }: WordOfferRowProps) {
  const styles = useStyles();
  const selectStyles = useSelectStyles();
  const [means, setMeans] = useState(offer.likely ?? "");
  const what = offer.field === "rag" ? "RAG" : "status";
  return (
    <div className={styles.row}>
      <Field label={`“${offer.word}” means (${what})`} className={styles.field}>
        <Select className={selectStyles.root} select={{ className: selectStyles.select }} value={means} onChange={(_, data) => setMeans(data.value)}>
          {!offer.likely && <option value="">Choose…</option>}
          {offer.meanings.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </Select>
      </Field>
      <Button size="small" disabledFocusable={busy || !means} onClick={() => onTreat({ word: offer.word, means })}>
        {means ? `Treat “${offer.word}” as ${means}…` : `Treat “${offer.word}” as…`}
      </Button>
    </div>
  );
}
