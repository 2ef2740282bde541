// GOV.UK Frontend's start-of-body snippet, kept in a file so that the Content-Security-Policy
// allows scripts from 'self' only (no 'unsafe-inline'). It is loaded without defer or async at the
// top of <body>, so the classes are there before the first paint, as the inline snippet did.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
