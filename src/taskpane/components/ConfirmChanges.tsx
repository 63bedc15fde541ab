/**
 * The confirmation before the add-in writes into the user's tracker: every cell
 * that will change, what it says now and what it will say. Nothing is written
 * unless the user chooses the confirm button.
 */
import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useActivateModal, useDangerousNeverHidden_unstable as useNeverHidden } from "@fluentui/react-tabster";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ConfirmRequest } from "../state";
import { ColumnHeads } from "./ColumnHeads";

const useStyles = makeStyles({
  scroll: {
    maxHeight: "50vh",
    overflowY: "auto",
    marginTop: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  // Fixed: the columns share the dialog's width (the cell's a narrow one, "Now" and "Will be" half the rest each), so a
  // long paragraph in one never pushes the other out of view; a word wider than its column wraps where it must.
  table: {
    borderCollapse: "collapse",
    width: "100%",
    tableLayout: "fixed",
  },
  cellHead: {
    width: "3.5em",
  },
  th: {
    textAlign: "left",
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
  },
  td: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // A word is broken inside itself only when it is wider than its column (a long link, say): "Now" and "Will be"
    // each take half of a 360-pixel pane's dialog but the cell's column, wider than "Cambridgeshire".
    overflowWrap: "break-word",
    hyphens: "none",
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
  pager: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
});

export interface ConfirmChangesProps {
  request: ConfirmRequest | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Rows of the table at a time: every change can be read, page by page, and a long list never holds up the pane. */
export const CHANGES_PAGE = 100;

export function ConfirmChanges({ request, onConfirm, onCancel }: ConfirmChangesProps) {
  const styles = useStyles();
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [request]);
  // Fluent moves the focus into a dialog as it opens, which is also how tabster learns that
  // the dialog is the active modal. When the focus lands before tabster has registered the
  // new surface (a slow render, a busy machine), tabster takes the dialog for an inactive
  // modal and hides it (aria-hidden) from screen readers for good. Activating it once it is
  // mounted makes the dialog the active modal whatever the order, and marking the surface
  // never-hidden keeps it readable in the moment before: the pane behind it is hidden, the
  // dialog never is.
  const neverHidden = useNeverHidden();
  const surface = useRef<HTMLDivElement>(null);
  const activateModal = useActivateModal();
  const open = request !== null;
  useEffect(() => {
    if (open && surface.current) activateModal(surface.current);
  }, [open, activateModal]);
  // On closing, the focus goes back to the button that opened the dialog, as it does for a
  // DialogTrigger; that also gives the pane back to screen readers at once, instead of after
  // tabster's next update of what is hidden.
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) {
      opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      return;
    }
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected) back.focus();
  }, [open]);
  const total = request?.changes.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / CHANGES_PAGE));
  const first = page * CHANGES_PAGE;
  const shown = request ? request.changes.slice(first, first + CHANGES_PAGE) : [];
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface ref={surface} aria-describedby="confirm-changes-intro" {...neverHidden}>
        {request && (
          <DialogBody>
            <DialogTitle>{request.title}</DialogTitle>
            <DialogContent>
              <Body1 id="confirm-changes-intro">{request.intro}</Body1>
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={`Cells that will change on ${request.sheet}`}>
                <table className={styles.table}>
                  <ColumnHeads columns={[{ name: "Cell", className: mergeClasses(styles.th, styles.cellHead) }, { name: "Now", className: styles.th }, { name: "Will be", className: styles.th }]} />
                  <tbody>
                    {shown.map((c) => (
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
              {pages > 1 && (
                <div className={styles.pager}>
                  <Body1 aria-live="polite">
                    Cells {(first + 1).toLocaleString("en-GB")}–{Math.min(first + CHANGES_PAGE, total).toLocaleString("en-GB")} of {total.toLocaleString("en-GB")}
                  </Body1>
                  <Button disabledFocusable={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
                    Previous {CHANGES_PAGE}
                  </Button>
                  <Button disabledFocusable={page >= pages - 1} onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}>
                    Next {CHANGES_PAGE}
                  </Button>
                </div>
              )}
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
