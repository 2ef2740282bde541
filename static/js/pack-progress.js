// The pack progress page (templates/packs/progress.html), updated in place. Without JavaScript
// the page refreshes itself (a meta refresh inside <noscript>); with it, the steps are read from
// the status URL every two seconds until the pack is finished.
const root = document.querySelector("[data-pack-progress]");

const TAGS = {
  done: "govuk-tag govuk-tag--green",
  current: "govuk-tag govuk-tag--blue",
  todo: "govuk-tag govuk-tag--grey",
};

function words(status) {
  return root.dataset[`word${status[0].toUpperCase()}${status.slice(1)}`] || status;
}

function show(progress) {
  root.querySelector("[data-pack-state]").textContent = progress.state_label;
  root.querySelector("[data-pack-count]").textContent = root.dataset.countWords
    .replace("{done}", progress.done)
    .replace("{total}", progress.total);
  for (const step of progress.steps) {
    const tag = root.querySelector(`[data-step="${step.key}"] [data-step-status]`);
    if (tag) {
      tag.className = TAGS[step.status];
      tag.textContent = words(step.status);
    }
  }
  if (progress.finished) {
    const waiting = root.querySelector("[data-pack-waiting]");
    if (waiting) waiting.hidden = true;
  }
  if (progress.download_url) {
    const downloads = root.querySelector("[data-pack-downloads]");
    downloads.hidden = false;
    downloads.querySelector("[data-pack-pdf]").href = progress.download_url;
    const bundle = downloads.querySelector("[data-pack-bundle]");
    if (bundle) bundle.href = progress.bundle_url;
  }
}

async function poll() {
  try {
    const response = await fetch(root.dataset.packProgress, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const progress = await response.json();
      show(progress);
      if (progress.finished) {
        if (progress.state === "failed") window.location.reload();
        return;
      }
    }
  } catch (error) {
    // A lost connection: try again at the next tick.
  }
  window.setTimeout(poll, 2000);
}

if (root && root.dataset.finished === "false") {
  window.setTimeout(poll, 1000);
}
