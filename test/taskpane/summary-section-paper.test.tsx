/**
 * @jest-environment jsdom
 */
/**
 * The pane's panel paper: Copy for Word puts HTML and plain text on the
 * clipboard; Download writes a real .docx with the writer loaded only when asked; where the host
 * cannot save a file, the pane says what to do instead.
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import JSZip from "jszip";
import axe from "axe-core";
import { App } from "../../src/taskpane/App";
import type { AppProps } from "../../src/taskpane/App";
import type { TaskpaneHost } from "../../src/shared/host";
import { XSS, fakeHost } from "./fake-host";
import { TextDecoder, TextEncoder } from "node:util";

// Every browser has TextEncoder (the docx writer uses it); jsdom does not, so it gets Node's.
if (typeof globalThis.TextEncoder === "undefined") Object.assign(globalThis, { TextEncoder, TextDecoder });

jest.setTimeout(30_000);

function renderPane(host: TaskpaneHost, props: Partial<AppProps> = {}) {
  const user = userEvent.setup();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={new Date(2018, 10, 30)} copyText={() => Promise.resolve(true)} {...props} />
    </FluentProvider>,
  );
  return { user, ...utils };
}

async function found(host: TaskpaneHost, props: Partial<AppProps> = {}) {
  const pane = renderPane(host, props);
  await pane.user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return pane;
}

it("Copy for Word puts the paper on the clipboard as HTML (headings, tables) and as plain text", async () => {
  const { host, calls } = fakeHost();
  const copied: { html: string; text: string }[] = [];
  const { user } = await found(host, {
    copyRich: (html, text) => {
      copied.push({ html, text });
      return Promise.resolve(true);
    },
  });
  await user.click(screen.getByRole("button", { name: "Copy for Word" }));
  await screen.findByText(/Copied the panel paper for Q3 2018\/19 \(3 actions in Appendix 1\)/);
  expect(calls.panelPaper[0][0]).toMatchObject({ period: "Q3 2018/19", comparedWith: { kind: "snapshot", label: "October 2018" } });
  expect(copied).toHaveLength(1);
  const { html, text } = copied[0];
  expect(html).toContain("<h1>Monitoring the delivery of the Police and Crime Plan</h1>");
  expect(html).toContain("<h2>2. Recommendation</h2>");
  expect(html).toContain('<th scope="col">Reference</th>');
  // The tracker's text is data: escaped in the HTML, as typed in the text.
  expect(html).not.toContain(XSS);
  expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  expect(text).toContain("The Panel is recommended to note the report.");
  expect(text).toContain("V2\tFund services\tNP\tAmber\t↑ improved\tFunding agreed in September.\tUpdated since October 2018");
  expect(text).toContain("V1\tSupport victims\tNP\tGreen\t↔ no change\tHub open; 1k referrals a month.\tNo new update since October 2018");
});

it("Download writes a real .docx, by keyboard, with the writer loaded only then", async () => {
  const { host } = fakeHost();
  const saved: { name: string; bytes: Uint8Array; type: string }[] = [];
  let loads = 0;
  const { user } = await found(host, {
    saveFile: (name, bytes, type) => {
      saved.push({ name, bytes, type });
      return Promise.resolve(true);
    },
    loadDocxWriter: () => {
      loads++;
      return import("../../src/paper/docx").then((m) => m.paperDocx);
    },
  });
  expect(loads).toBe(0);
  const download = screen.getByRole("button", { name: "Download .docx" });
  download.focus();
  await user.keyboard("{Enter}");
  await screen.findByText(/Downloaded “Panel paper Q3 2018\/19.docx”/, undefined, { timeout: 15_000 });
  expect(loads).toBe(1);
  expect(saved).toHaveLength(1);
  expect(saved[0].name).toBe("Panel paper Q3 2018/19.docx");
  expect(saved[0].type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const zip = await JSZip.loadAsync(saved[0].bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  expect(xml).toContain("Appendix 1 – Delivery Plan");
  expect(xml).toContain("<w:tblHeader/>");
  expect(await zip.file("docProps/core.xml")!.async("string")).toContain("<dc:title>Monitoring the delivery of the Police and Crime Plan: Q3 2018/19</dc:title>");
});

it("where the host cannot save a file, offers no download and says what to do instead; the section passes axe", async () => {
  const instead = "Excel on Windows and Mac does not let an add-in save a file. Use Copy for Word and paste into a new Word document.";
  const { host } = fakeHost({ fileSaving: () => ({ can: false, instead }) });
  const { container } = await found(host);
  expect(screen.queryByRole("button", { name: /Download .docx/ })).toBeNull();
  expect(screen.getByRole("button", { name: "Copy for Word" })).toBeTruthy();
  expect(screen.getByText(instead)).toBeTruthy();
  await waitFor(() => expect(screen.getByRole("heading", { name: "The panel paper" })).toBeTruthy());
  // jsdom lays nothing out, so colour contrast is checked in Chromium (test/browser); the rest here.
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
