// Starts GOV.UK Frontend's components on every page (loaded as a module at the end of <body>).
// A file of its own, not an inline script: the Content-Security-Policy allows 'self' only.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
