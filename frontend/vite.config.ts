import { defineConfig } from "vitest/config";

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The webview is a current WebKitGTK / WebView2 / WKWebView: no legacy transpiling needed.
    target: "es2020",
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
