/**
 * The task pane's bootstrap: once Office is ready, check the Excel version and
 * render the app inside Fluent UI's provider with the Excel host. This and
 * src/excel are the only task-pane code that knows about Office.js.
 */
import "../shared/no-eval";
import { createRoot } from "react-dom/client";
import { Body1, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Title2 } from "@fluentui/react-components";
import { officeTheme } from "./theme";
import { App } from "./App";
import { createExcelHost } from "../excel/host";
import { unsupportedMessage } from "../excel/requirements";
import { loadSavedTracker } from "../excel/settings";
import { inlineEngine } from "../engine/engine";
import { startEngineWorker } from "../engine/start-worker";
import { returnsWithWorker } from "./start-returns-worker";

function Unavailable({ message }: { message: string }) {
  return (
    <main style={{ padding: 16 }}>
      <Title2 as="h1">Delivery plan</Title2>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>The add-in cannot run here</MessageBarTitle>
          <Body1>{message}</Body1>
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

// The engine runs in a web worker, so a big tracker never holds up the page (nor Excel's UI with it).
// The same engine serves the pane's host, the saved tracker's first read and the functions' re-reads.
const engine = startEngineWorker() ?? inlineEngine();

Office.onReady((info) => {
  const container = document.getElementById("container");
  if (!container) return;
  let problem: string | null = null;
  if (info.host !== Office.HostType.Excel) problem = "The Delivery plan add-in works in Excel only. Open it from Excel's Home tab.";
  else problem = unsupportedMessage(Office.context.requirements);
  // The ACTIONS functions get the tracker saved in the workbook, even before the pane reads it.
  if (!problem) void loadSavedTracker(Excel, engine);
  let theme = officeTheme(null);
  try {
    theme = officeTheme(Office.context.officeTheme);
  } catch {
    // A host without officeTheme: the light theme.
  }
  createRoot(container).render(
    <FluentProvider theme={theme}>{problem ? <Unavailable message={problem} /> : <App host={createExcelHost({ engine })} loadReturns={returnsWithWorker} />}</FluentProvider>,
  );
});
