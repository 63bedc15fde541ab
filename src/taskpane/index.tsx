/**
 * The task pane's bootstrap: once Office is ready, check the Excel version and
 * render the app inside Fluent UI's provider with the Excel host. This and
 * src/excel are the only task-pane code that knows about Office.js.
 */
import { createRoot } from "react-dom/client";
import { Body1, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Title2, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { createExcelHost } from "../excel/host";
import { unsupportedMessage } from "../excel/requirements";

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

Office.onReady((info) => {
  const container = document.getElementById("container");
  if (!container) return;
  let problem: string | null = null;
  if (info.host !== Office.HostType.Excel) problem = "The Delivery plan add-in works in Excel only. Open it from Excel's Home tab.";
  else problem = unsupportedMessage(Office.context.requirements);
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>{problem ? <Unavailable message={problem} /> : <App host={createExcelHost()} />}</FluentProvider>,
  );
});
