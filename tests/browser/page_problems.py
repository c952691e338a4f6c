"""What a tab reports going wrong: CSP violations, console errors, failed requests, axe-core findings."""

# Passes every Content-Security-Policy violation a page reports to the test (see PageProblems).
# Playwright's init scripts run outside the page's CSP, before any of the page's own scripts.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation?.(
    `${event.documentURI}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class PageProblems:
    """CSP violations, console errors and failed requests of one tab, across its navigations."""

    def __init__(self, page):
        self.csp_violations = []
        self.console_errors = []
        self.failed_requests = []
        page.expose_binding("reportCspViolation", lambda source, text: self.csp_violations.append(text))
        page.on("console", self._on_console)
        page.on("response", self._on_response)

    def _on_response(self, response):
        if response.status >= 400:
            self.failed_requests.append(f"{response.status} {response.url}")

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")


def axe_report(page):
    """axe-core's report of the page's accessibility violations; empty when there are none."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""
