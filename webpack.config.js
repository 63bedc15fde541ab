// Builds the add-in the way Microsoft's "Excel custom functions, shared runtime"
// template does, with its known faults fixed:
// - one page (taskpane.html) loads the task pane and the custom functions, in
//   one JavaScript runtime (manifest: Taskpane.Url, also the FunctionFile: the one
//   ribbon button is a ShowTaskpane action, so there are no ExecuteFunction commands);
// - the two entries share ONE webpack runtime (optimization.runtimeChunk), so a
//   module they both import (e.g. the functions' tracker store) exists once;
// - every https://localhost:3000/ in the manifest is rewritten to the production
//   URL (a global replace: the template's string replace changed only the first);
// - the dev-server certificate is fetched only when serving, so `npm run build`
//   needs no certificate.
//
//   npm run build                                   dist/ with localhost URLs
//   ADDIN_PRODUCTION_URL=https://host/path/ npm run build
//   npx webpack --mode production --env url=https://host/path/
//   npm run dev-server                              https://localhost:3000
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by Node without a compile step */

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_URL_PATTERN = /https:\/\/localhost:3000\//g;

/** The production URL from `--env url=...` or ADDIN_PRODUCTION_URL, with a trailing slash; null if none. */
function productionUrl(env) {
  const given = (env && typeof env.url === "string" && env.url) || process.env.ADDIN_PRODUCTION_URL || "";
  if (!given.trim()) return null;
  let url;
  try {
    url = new URL(given.trim());
  } catch {
    throw new Error(`ADDIN_PRODUCTION_URL is not a URL: ${given}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_PRODUCTION_URL must be https (Office loads add-ins over HTTPS only): ${given}`);
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The manifest's placeholder support and learn-more page, and its domain (AppDomain). */
const EXAMPLE_SUPPORT_URL = "https://delivery-plan-addin.example/support";
const EXAMPLE_DOMAIN = "https://delivery-plan-addin.example";

/** The support page from `--env support=...` or ADDIN_SUPPORT_URL (https); null if none. */
function supportUrl(env) {
  const given = (env && typeof env.support === "string" && env.support) || process.env.ADDIN_SUPPORT_URL || "";
  if (!given.trim()) return null;
  let url;
  try {
    url = new URL(given.trim());
  } catch {
    throw new Error(`ADDIN_SUPPORT_URL is not a URL: ${given}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_SUPPORT_URL must be https: ${given}`);
  return url.href;
}

/**
 * Rewrites every development URL in a manifest to the production URL and, when
 * given, the placeholder support and learn-more URL to the organisation's
 * support page (its origin becomes the AppDomain).
 */
function rewriteManifest(content, url, support = null) {
  let xml = content.toString();
  if (url) xml = xml.replace(DEV_URL_PATTERN, url);
  if (support) xml = xml.split(EXAMPLE_SUPPORT_URL).join(support).split(`<AppDomain>${EXAMPLE_DOMAIN}</AppDomain>`).join(`<AppDomain>${new URL(support).origin}</AppDomain>`);
  return xml;
}

/**
 * The page's Content-Security-Policy (a <meta> in taskpane.html, the first thing in its head, so
 * that it governs office.js too). It allows:
 * - scripts: our own ('self': the bundles and the engine's worker, which is a file of ours),
 *   Microsoft's office.js host (office.js loads its host-specific parts and strings from there)
 *   and ajax.aspnetcdn.com, which office.js has been seen to load from (office-js issue 1005);
 *   no inline script and no eval;
 * - styles: our own and inline ones, which Fluent UI v9 (Griffel) inserts at run time, as does
 *   Microsoft's Excel client (office-js issue 1687);
 * - connections: our own origin and office.js's telemetry endpoint (office-js issue 1005);
 * - nothing else: no plugins, no <base>, no form posts.
 * `frame-ancestors` cannot be set from a <meta>; a host that wants it sends the policy as a header.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://appsforoffice.microsoft.com https://browser.pipe.aria.microsoft.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

/**
 * Fails the build if ExcelJS ends up in the add-in bundle (ARCHITECTURE.md: only src/xlsx uses it), except in the
 * return workbooks' lazy chunk ("returns-xlsx", src/returns-web, loaded by import() when the officer asks for a
 * return): never in a chunk the pane or the functions load at start.
 */
const EXCELJS_CHUNK = "returns-xlsx";
class NoExcelJsInBundlePlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("NoExcelJsInBundlePlugin", (compilation) => {
      compilation.hooks.afterOptimizeChunkModules.tap("NoExcelJsInBundlePlugin", (chunks) => {
        for (const chunk of chunks) {
          const excel = compilation.chunkGraph.getChunkModules(chunk).find((m) => /[\\/]node_modules[\\/]exceljs[\\/]/.test(m.resource || ""));
          if (!excel) continue;
          const lazy = !chunk.canBeInitial() && [...chunk.groupsIterable].every((g) => g.name === EXCELJS_CHUNK);
          if (lazy) continue;
          const { WebpackError } = compiler.webpack;
          compilation.errors.push(new WebpackError(`ExcelJS must not be in the add-in bundle (imported as ${excel.resource}) outside the lazy "${EXCELJS_CHUNK}" chunk; use src/excel instead.`));
          return;
        }
      });
    });
  }
}

async function httpsOptions() {
  // Required lazily: only `webpack serve` needs the localhost certificate.
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const prodUrl = mode === "production" ? productionUrl(env) : null;
  const support = mode === "production" ? supportUrl(env) : null;

  return {
    mode,
    context: __dirname,
    devtool: "source-map",
    entry: {
      taskpane: ["./src/taskpane/index.tsx"],
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // Type checking is `npm run typecheck`'s job; the bundle only needs JavaScript.
              transpileOnly: true,
              // ES modules so webpack can tree-shake Fluent UI; tsconfig.json's commonjs is for Node.
              compilerOptions: { module: "es2020", noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      // The three entries run in one page: one runtime, one instance of each shared module.
      runtimeChunk: "single",
      splitChunks: { chunks: "all" },
    },
    performance: {
      // React + Fluent UI: about 1 MB minified, loaded once per session in the shared runtime.
      maxEntrypointSize: 2_000_000,
      maxAssetSize: 2_000_000,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: path.resolve(__dirname, "src/functions/functions.ts"),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"],
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return prodUrl || support ? rewriteManifest(content, prodUrl, support) : content;
            },
          },
        ],
      }),
      new NoExcelJsInBundlePlugin(),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: serving ? await httpsOptions() : undefined },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    },
  };
};

module.exports.productionUrl = productionUrl;
module.exports.rewriteManifest = rewriteManifest;
module.exports.supportUrl = supportUrl;
module.exports.EXAMPLE_SUPPORT_URL = EXAMPLE_SUPPORT_URL;
module.exports.DEV_URL = DEV_URL;
module.exports.CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;
