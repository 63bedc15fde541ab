/**
 * The task pane's bootstrap: once Office is ready, render the app inside
 * Fluent UI's provider and hand it the Excel host. This and src/excel are the
 * only task-pane code that knows about Office.js.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { createExcelHost } from "../excel/host";

Office.onReady(() => {
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createExcelHost()} />
    </FluentProvider>,
  );
});
