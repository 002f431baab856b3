import { defineConfig } from "vitest/config";

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The webview is a current WebKitGTK / WebView2 / WKWebView: no legacy transpiling needed.
    target: "es2020",
    rollupOptions: {
      // The app's page, and the widget's frame, which the app serves on an origin of its own.
      input: { main: "index.html", frame: "widget-frame.html" },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
