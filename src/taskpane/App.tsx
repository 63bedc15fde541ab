/**
 * The task pane. Excel is reached only through the `host` prop, so the pane
 * can be rendered and tested with a fake host.
 */
import { useState } from "react";
import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { HostError, TaskpaneHost, TrackerFound } from "./host";
import { isHostError } from "./host";

export interface AppProps {
  host: TaskpaneHost;
  title?: string;
}

type Found = { state: "idle" } | { state: "busy" } | { state: "done"; result: TrackerFound | HostError };

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  counts: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
  },
});

export function App({ host, title = "Delivery plan" }: AppProps) {
  const styles = useStyles();
  const [found, setFound] = useState<Found>({ state: "idle" });

  async function findTracker() {
    setFound({ state: "busy" });
    try {
      setFound({ state: "done", result: await host.findTracker() });
    } catch (err) {
      setFound({ state: "done", result: { error: err instanceof Error ? err.message : String(err) } });
    }
  }

  return (
    <main className={styles.root}>
      <Title2 as="h1">{title}</Title2>
      <Body1>Open a delivery-plan tracker sheet, then choose Find tracker to read its actions.</Body1>
      <div>
        <Button appearance="primary" disabled={found.state === "busy"} onClick={() => void findTracker()}>
          Find tracker
        </Button>
      </div>
      {found.state === "busy" && <Spinner size="tiny" label="Reading the sheet…" />}
      {found.state === "done" && isHostError(found.result) && (
        <MessageBar intent="warning">
          <MessageBarBody>{found.result.error}</MessageBarBody>
        </MessageBar>
      )}
      {found.state === "done" && !isHostError(found.result) && <TrackerSummary tracker={found.result} listClass={styles.counts} />}
    </main>
  );
}

function TrackerSummary({ tracker, listClass }: { tracker: TrackerFound; listClass: string }) {
  const statuses = Object.entries(tracker.status).filter(([, n]) => n > 0);
  return (
    <section aria-live="polite">
      <Subtitle2 as="h2">
        {tracker.actions} {tracker.actions === 1 ? "action" : "actions"} on {tracker.sheet}
      </Subtitle2>
      {statuses.length > 0 && (
        <ul className={listClass}>
          {statuses.map(([status, n]) => (
            <li key={status}>
              <Body1>
                {status}: {n}
              </Body1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
