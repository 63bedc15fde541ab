/**
 * The confirmation before the add-in writes into the user's tracker: every cell
 * that will change, what it says now and what it will say. Nothing is written
 * unless the user chooses the confirm button.
 */
import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { CellChange } from "../host";

const useStyles = makeStyles({
  scroll: {
    maxHeight: "50vh",
    overflowY: "auto",
    marginTop: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
  },
  th: {
    textAlign: "left",
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  td: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
    verticalAlign: "top",
  },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
  },
  empty: {
    color: tokens.colorNeutralForeground2,
    fontStyle: "italic",
  },
  note: {
    color: tokens.colorNeutralForeground2,
  },
});

export interface ConfirmRequest {
  title: string;
  intro: string;
  sheet: string;
  changes: readonly CellChange[];
  confirmLabel: string;
}

export interface ConfirmChangesProps {
  request: ConfirmRequest | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmChanges({ request, onConfirm, onCancel }: ConfirmChangesProps) {
  const styles = useStyles();
  return (
    <Dialog open={request !== null} modalType="modal" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="confirm-changes-intro">
        {request && (
          <DialogBody>
            <DialogTitle>{request.title}</DialogTitle>
            <DialogContent>
              <Body1 id="confirm-changes-intro">{request.intro}</Body1>
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={`Cells that will change on ${request.sheet}`}>
                <table className={styles.table}>
                  <thead>
                    <tr>
                      <th scope="col" className={styles.th}>
                        Cell
                      </th>
                      <th scope="col" className={styles.th}>
                        Now
                      </th>
                      <th scope="col" className={styles.th}>
                        Will be
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {request.changes.map((c) => (
                      <tr key={c.cell}>
                        <td className={`${styles.td} ${styles.cell}`}>{c.cell}</td>
                        <td className={styles.td}>
                          {c.before ? c.before : <span className={styles.empty}>(empty)</span>}
                          {c.note && <span className={styles.note}> ({c.note})</span>}
                        </td>
                        <td className={styles.td}>{c.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onConfirm}>
                {request.confirmLabel}
              </Button>
              <Button onClick={onCancel}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
