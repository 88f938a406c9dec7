export { renderPlanText, type PlanTextOptions } from './plan-text.js';
export { renderPlanJson, PLAN_JSON_FORMAT_VERSION } from './plan-json.js';
export {
  renderPlanMarkdown,
  DEFAULT_MARKDOWN_MAX_CHARS,
  PLAN_MARKDOWN_MARKER,
  type PlanMarkdownOptions,
} from './plan-markdown.js';
export { planSummaryLine } from './plan-summary-line.js';
export { formatSource } from './plan-values.js';
