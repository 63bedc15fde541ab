#!/usr/bin/env node
// Offline check of the add-in's XML manifest: what `office-addin-manifest
// validate` cannot do here (it posts the manifest to Microsoft's web service),
// plus the rules a shared-runtime add-in with custom functions lives by.
//
//   node scripts/check-manifest.js [manifest.xml] [--dist dist]
//
// Prints each problem on its own line and exits 1, or prints one OK line and
// exits 0. `require("./scripts/check-manifest").checkManifest(xml, { dist })`
// returns the problems as a list of strings.
//
// Checks:
// - the XML is well-formed and its root is <OfficeApp>;
// - a fixed GUID Id, the SharedRuntime requirement set;
// - the runtime, the custom functions page, the FunctionFile and every
//   ShowTaskpane action load the same URL (otherwise Excel starts a second
//   runtime and the functions answer #N/A or #BUSY!);
// - the CustomFunctions extension point has its script, page, metadata and a
//   namespace;
// - every resid is defined in Resources, as the right kind of resource (a URL
//   for a SourceLocation, a short string for a label...), and is at most 32
//   characters long; no resource id is defined twice; short strings are at
//   most 125 characters and long strings at most 250;
// - every URL is https (namespace declarations aside);
// - with --dist: every icon, and every other URL under the add-in's base URL
//   (the folder of the runtime page), is a file in dist/, and PNG icons have the
//   size the manifest states.
//
// The Office add-in manifest XSDs are not shipped by any npm package that we
// found (office-addin-manifest, office-addin-manifest-converter and
// office-addin-validator carry none), so schema validation is left to
// `npm run validate` where Microsoft's service can be reached.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by Node without a compile step */

const fs = require("fs");
const path = require("path");
const { XMLParser, XMLValidator } = require("fast-xml-parser");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_RESID_LENGTH = 32;

// --- A small element tree over fast-xml-parser's ordered output -------------

/**
 * @typedef {{ name: string, local: string, attrs: Record<string, string>, children: El[], text: string, parent: El | null }} El
 */

function localName(name) {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Turns fast-xml-parser's preserveOrder output into elements with parents. */
function toElements(nodes, parent) {
  const out = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ":@");
    if (!name || name === "#text" || name.startsWith("?")) continue;
    /** @type {El} */
    const el = { name, local: localName(name), attrs: node[":@"] || {}, children: [], text: "", parent };
    const kids = node[name] || [];
    el.text = kids
      .filter((k) => "#text" in k)
      .map((k) => String(k["#text"]))
      .join("")
      .trim();
    el.children = toElements(kids, el);
    out.push(el);
  }
  return out;
}

function* descendants(el) {
  for (const child of el.children) {
    yield child;
    yield* descendants(child);
  }
}

function attr(el, name) {
  if (name in el.attrs) return el.attrs[name];
  // Attributes such as xsi:type may use another prefix.
  const key = Object.keys(el.attrs).find((k) => localName(k) === localName(name) && k.includes(":") === name.includes(":"));
  return key === undefined ? undefined : el.attrs[key];
}

function xsiType(el) {
  return attr(el, "xsi:type");
}

function ancestors(el) {
  const list = [];
  for (let p = el.parent; p; p = p.parent) list.push(p);
  return list;
}

/** Where an element sits, for messages: OfficeApp/VersionOverrides/.../Runtime. */
function where(el) {
  return [...ancestors(el).reverse(), el].map((e) => e.local).join("/");
}

// --- Resources ---------------------------------------------------------------

const RESOURCE_KINDS = { Images: "image", Urls: "url", ShortStrings: "short string", LongStrings: "long string" };
// Office's limits on resource texts (the manifest schema's ShortString and LongString).
const MAX_LENGTH = { "short string": 125, "long string": 250 };

/** Which kind of resource a resid on this element must name. */
function expectedKind(el) {
  const parent = el.parent ? el.parent.local : "";
  switch (el.local) {
    case "Image":
      return "image";
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "url";
    case "Namespace":
    case "Label":
      return "short string";
    case "Title":
      return parent === "Supertip" || parent === "GetStarted" ? "short string" : null;
    case "Description":
      return parent === "Supertip" || parent === "GetStarted" ? "long string" : null;
    default:
      return null;
  }
}

function collectResources(root, problems) {
  /** @type {Map<string, { kind: string, value: string, el: El }>} */
  const byId = new Map();
  const resourceBlocks = [...descendants(root)].filter((el) => el.local === "Resources");
  for (const block of resourceBlocks) {
    for (const group of block.children) {
      const kind = RESOURCE_KINDS[group.local];
      if (!kind) continue;
      for (const item of group.children) {
        const id = attr(item, "id");
        if (!id) {
          problems.push(`${where(item)}: resource without an id`);
          continue;
        }
        if (byId.has(id)) problems.push(`resource id "${id}" is defined more than once`);
        if (id.length > MAX_RESID_LENGTH) problems.push(`resource id "${id}" is longer than ${MAX_RESID_LENGTH} characters`);
        const value = attr(item, "DefaultValue") || "";
        if (MAX_LENGTH[kind] && value.length > MAX_LENGTH[kind]) problems.push(`${kind} "${id}" is longer than ${MAX_LENGTH[kind]} characters`);
        byId.set(id, { kind, value, el: item });
      }
    }
  }
  return byId;
}

// --- The checks --------------------------------------------------------------

/**
 * Checks a manifest's text. Returns the problems found, each a plain sentence;
 * an empty list means the manifest passed.
 * @param {string} xml the manifest's text
 * @param {{ dist?: string }} [options] dist: the built add-in folder, to check that icons and pages exist
 * @returns {string[]}
 */
function checkManifest(xml, options = {}) {
  const problems = [];

  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    return [`not well-formed XML (line ${line}, column ${col}): ${msg}`];
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const roots = toElements(parser.parse(xml), null);
  const root = roots.find((el) => el.local === "OfficeApp");
  if (!root) return ["the root element is not <OfficeApp>"];
  const all = [root, ...descendants(root)];

  // Identity and requirements.
  const id = root.children.find((el) => el.local === "Id");
  if (!id || !GUID.test(id.text)) problems.push(`<Id> must be a GUID (found "${id ? id.text : ""}")`);
  const sharedRuntimeSet = all.find((el) => el.local === "Set" && attr(el, "Name") === "SharedRuntime" && el.parent && el.parent.parent && el.parent.parent.parent === root);
  if (!sharedRuntimeSet) problems.push('the base <Requirements> must ask for the "SharedRuntime" set (MinVersion 1.1)');

  // Every resid is defined, as the right kind, and short enough.
  const resources = collectResources(root, problems);
  for (const el of all) {
    const resid = attr(el, "resid");
    if (resid === undefined) continue;
    if (resid.length > MAX_RESID_LENGTH) problems.push(`${where(el)}: resid "${resid}" is longer than ${MAX_RESID_LENGTH} characters`);
    const resource = resources.get(resid);
    if (!resource) {
      problems.push(`${where(el)}: resid "${resid}" is not defined in <Resources>`);
      continue;
    }
    const kind = expectedKind(el);
    if (kind && resource.kind !== kind) problems.push(`${where(el)}: resid "${resid}" must name a ${kind}, but it is a ${resource.kind}`);
  }
  const urlOf = (el) => {
    if (!el) return undefined;
    const resid = attr(el, "resid");
    if (resid !== undefined) return resources.get(resid) ? resources.get(resid).value : undefined;
    return attr(el, "DefaultValue");
  };

  // Shared runtime: one page for the runtime, the functions, the FunctionFile and the pane.
  const pages = [];
  const runtimes = all.filter((el) => el.local === "Runtime" && el.parent && el.parent.local === "Runtimes");
  if (runtimes.length === 0) problems.push("no <Runtimes><Runtime>: a shared runtime needs one");
  for (const runtime of runtimes) {
    pages.push({ what: "the shared <Runtime>", url: urlOf(runtime) });
    if (attr(runtime, "lifetime") !== "long") problems.push(`${where(runtime)}: the shared runtime needs lifetime="long"`);
  }
  const customFunctions = all.filter((el) => el.local === "ExtensionPoint" && xsiType(el) === "CustomFunctions");
  if (customFunctions.length === 0) problems.push('no <ExtensionPoint xsi:type="CustomFunctions">');
  for (const point of customFunctions) {
    const child = (name) => point.children.find((el) => el.local === name);
    const source = (name) => {
      const holder = child(name);
      return holder ? holder.children.find((el) => el.local === "SourceLocation") : undefined;
    };
    for (const name of ["Script", "Page", "Metadata"]) {
      if (!source(name)) problems.push(`CustomFunctions: <${name}><SourceLocation> is missing`);
    }
    if (source("Page")) pages.push({ what: "the custom functions <Page>", url: urlOf(source("Page")) });
    const namespace = child("Namespace");
    const namespaceValue = namespace ? urlOf(namespace) : undefined;
    if (!namespace) problems.push("CustomFunctions: <Namespace> is missing");
    else if (namespaceValue !== undefined && !namespaceValue.trim()) problems.push("CustomFunctions: the namespace is empty");
  }
  for (const fileEl of all.filter((el) => el.local === "FunctionFile")) {
    pages.push({ what: "the <FunctionFile>", url: urlOf(fileEl) });
  }
  // A shared runtime has one task pane: a ShowTaskpane action without a <TaskpaneId>, or with
  // another one, opens a second pane (Microsoft's "Configure your Office Add-in to use a shared runtime").
  const taskpaneIds = new Set();
  for (const action of all.filter((el) => el.local === "Action" && xsiType(el) === "ShowTaskpane")) {
    const source = action.children.find((el) => el.local === "SourceLocation");
    const control = ancestors(action).find((el) => el.local === "Control");
    const name = control && attr(control, "id") ? `the ShowTaskpane action of "${attr(control, "id")}"` : "a ShowTaskpane action";
    if (!source) problems.push(`${name} has no <SourceLocation>`);
    else pages.push({ what: name, url: urlOf(source) });
    const taskpaneId = action.children.find((el) => el.local === "TaskpaneId");
    if (!taskpaneId || !taskpaneId.text.trim()) problems.push(`${name} has no <TaskpaneId>: with the shared runtime it would open a second task pane`);
    else taskpaneIds.add(taskpaneId.text.trim());
  }
  if (taskpaneIds.size > 1) problems.push(`the ShowTaskpane actions name ${taskpaneIds.size} task panes (${[...taskpaneIds].join(", ")}): the shared runtime has one, so they must share one <TaskpaneId>`);
  // The page most of them load (the runtime's on a tie) is taken as the right one.
  const votes = new Map();
  for (const page of pages) if (page.url !== undefined) votes.set(page.url, (votes.get(page.url) || 0) + 1);
  let runtimeUrl;
  for (const page of pages) {
    if (page.url !== undefined && (runtimeUrl === undefined || votes.get(page.url) > votes.get(runtimeUrl))) runtimeUrl = page.url;
  }
  for (const page of pages) {
    if (page.url !== undefined && page.url !== runtimeUrl) {
      const others = votes.get(runtimeUrl);
      problems.push(
        `${page.what} loads ${page.url}, but ${others === 1 ? "another loads" : `${others} others load`} ${runtimeUrl}: ` +
          "the runtime, the custom functions page, the FunctionFile and the task pane must all load the same page",
      );
    }
  }

  // https everywhere (namespace declarations are names, not addresses).
  for (const el of all) {
    for (const [name, value] of Object.entries(el.attrs)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      if (/^http:\/\//i.test(value.trim())) problems.push(`${where(el)} ${name}: ${value.trim()} is not https`);
    }
    if (/^http:\/\//i.test(el.text)) problems.push(`${where(el)}: ${el.text} is not https`);
  }

  if (options.dist) problems.push(...checkDist(all, resources, runtimeUrl, options.dist));
  // A built manifest goes to users or the store: the placeholder support and learn-more page must be gone.
  if (options.dist && xml.includes("delivery-plan-addin.example"))
    problems.push("the support and learn-more URLs are still the placeholder https://delivery-plan-addin.example/support: build with ADDIN_SUPPORT_URL=https://… (or --env support=https://…)");
  return problems;
}

/** Icons and pages under the add-in's base URL must be files in dist. */
function checkDist(all, resources, runtimeUrl, dist) {
  const problems = [];
  if (!fs.existsSync(dist) || !fs.statSync(dist).isDirectory()) return [`dist folder ${dist} does not exist: build first (npm run build)`];
  let base = null;
  try {
    base = runtimeUrl ? new URL(".", runtimeUrl) : null;
  } catch {
    problems.push(`the shared runtime's URL is not a URL: ${runtimeUrl}`);
  }
  const fileFor = (url) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return { error: `not a URL: ${url}` };
    }
    if (base && parsed.origin === base.origin && parsed.pathname.startsWith(base.pathname)) {
      return { file: path.join(dist, decodeURIComponent(parsed.pathname.slice(base.pathname.length))) };
    }
    return { outside: true };
  };

  /** url -> sizes the manifest says the image has */
  const icons = new Map();
  const addIcon = (url, size) => {
    if (!url) return;
    if (!icons.has(url)) icons.set(url, new Set());
    if (size) icons.get(url).add(size);
  };
  for (const el of all) {
    if (el.local === "IconUrl") addIcon(attr(el, "DefaultValue"), 32);
    if (el.local === "HighResolutionIconUrl") addIcon(attr(el, "DefaultValue"), 64);
    if (el.local === "Image" && attr(el, "resid") !== undefined) {
      const resource = resources.get(attr(el, "resid"));
      if (resource) addIcon(resource.value, Number(attr(el, "size")) || undefined);
    }
  }
  for (const resource of resources.values()) if (resource.kind === "image") addIcon(resource.value);

  for (const [url, sizes] of icons) {
    const target = fileFor(url);
    if (target.error) problems.push(`icon ${target.error}`);
    else if (target.outside) problems.push(`icon ${url} is not under the add-in's base URL ${base ? base.href : "(none)"}, so it cannot be checked in ${dist}`);
    else if (!fs.existsSync(target.file)) problems.push(`icon ${url} is missing from dist: no ${target.file}`);
    else {
      const size = pngSize(target.file);
      for (const wanted of sizes) {
        if (size && (size.width !== wanted || size.height !== wanted)) {
          problems.push(`icon ${url} is ${size.width}x${size.height} px, but the manifest uses it at ${wanted}x${wanted}`);
        }
      }
    }
  }
  for (const resource of resources.values()) {
    if (resource.kind !== "url" || !resource.value) continue;
    const target = fileFor(resource.value);
    if (target.file && !fs.existsSync(target.file)) problems.push(`${resource.value} is missing from dist: no ${target.file}`);
  }
  return problems;
}

/** Width and height of a PNG file, or null if it is not a PNG. */
function pngSize(file) {
  const head = Buffer.alloc(24);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 24, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.readUInt32BE(0) !== 0x89504e47 || head.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** Reads and checks a manifest file. */
function checkManifestFile(file, options = {}) {
  return checkManifest(fs.readFileSync(file, "utf8"), options);
}

function main(argv) {
  let manifest = "manifest.xml";
  let dist;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dist") dist = argv[++i];
    else if (argv[i].startsWith("--dist=")) dist = argv[i].slice("--dist=".length);
    else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log("usage: node scripts/check-manifest.js [manifest.xml] [--dist dist]");
      return 0;
    } else manifest = argv[i];
  }
  if (dist === "") {
    console.error("--dist needs a folder");
    return 2;
  }
  if (!fs.existsSync(manifest)) {
    console.error(`${manifest}: no such file`);
    return 1;
  }
  const problems = checkManifestFile(manifest, { dist });
  if (problems.length > 0) {
    for (const problem of problems) console.log(`${manifest}: ${problem}`);
    return 1;
  }
  console.log(`OK: ${manifest} passes the offline manifest checks${dist ? ` (icons and pages present in ${dist})` : ""}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { checkManifest, checkManifestFile };
