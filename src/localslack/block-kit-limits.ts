/**
 * Pure Block Kit validator: the limits Slack enforces, encoded from the §2 table of
 * shared/reference/slack-platform.md and, for the 2026 blocks `data_visualization` and `data_table`, from
 * shared/reference/slack-2026.md and Slack's reference pages (docs.slack.dev/reference/block-kit/blocks/
 * data-visualization-block and data-table-block). Each problem is reported Slack-style as
 * `<message> [json-pointer:/blocks/0/text/text]`. No I/O; usable from any test.
 */

export type BlockSurface = 'message' | 'modal' | 'home';

export const BLOCK_KIT_LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  id: 255,
  privateMetadata: 3000,
  viewTitle: 24,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  markdownText: 12_000,
  imageUrl: 3000,
  altText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  accessibilityLabel: 75,
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  checkboxOptions: 10,
  radioOptions: 10,
  overflowOptions: 5,
  placeholder: 150,
  plainTextInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  messageText: 40_000,
  // data_visualization (changelog 2026-06-16)
  chartTitle: 50,
  /** Series per bar, area or line chart. The reference page says 6; other sources say 12: we hold to 6. */
  chartSeries: 6,
  pieSegments: 6,
  /** A pie segment's label and an axis category: "Maximum of 20 characters". */
  chartLabel: 20,
  /** axis_config.x_label and y_label. */
  axisLabel: 50,
  /** data_visualization blocks in one message (and, our choice, in one Home tab). */
  chartsPerSurface: 2,
  // data_table (changelog 2026-05-20)
  /** Data rows, besides the header row. */
  tableRows: 100,
  tableColumns: 20,
  /** "the character count across all cells cannot exceed 10,000 characters". */
  tableCharacters: 10_000,
  tablePageSize: 100,
} as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const KNOWN_BLOCK_TYPES: ReadonlySet<string> = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
  'call',
  'data_visualization',
  'data_table',
]);

/**
 * Where a `data_visualization` block may go. Slack's reference page and changelog speak only of messages
 * ("a native chart in the message itself"); none of the sources we could read says whether the Home tab or
 * modals render charts. Our choice, until Slack says otherwise: messages and the Home tab accept charts, modals
 * refuse them (`invalid_arguments` from views.open/update, as for any invalid view). `data_table` has no such
 * restriction in its reference page, so every surface accepts it.
 */
const CHART_SURFACES: ReadonlySet<BlockSurface> = new Set(['message', 'home']);

const XY_CHARTS = new Set(['bar', 'area', 'line']);
const TABLE_CELLS = new Set(['raw_text', 'raw_number', 'rich_text']);

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);

const ACTIONS_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  'rich_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
]);
const ACCESSORY_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
]);

type ElementPlace = 'actions' | 'accessory' | 'input';

class Checker {
  readonly errors: string[] = [];

  err(path: string, message: string): void {
    this.errors.push(`${message} [json-pointer:${path}]`);
  }

  /** A string field with a maximum (and optional minimum) length. */
  str(path: string, value: unknown, max: number, opts: { required?: boolean; min?: number } = {}): void {
    if (value === undefined || value === null) {
      if (opts.required) this.err(path, 'is required');
      return;
    }
    if (typeof value !== 'string') {
      this.err(path, 'must be a string');
      return;
    }
    const min = opts.min ?? 0;
    if (value.length < min) this.err(path, `must be at least ${min} characters (got ${value.length})`);
    if (value.length > max) this.err(path, `must be at most ${max} characters (got ${value.length})`);
  }

  /** A composition text object `{type: 'plain_text'|'mrkdwn', text}`. */
  text(
    path: string,
    value: unknown,
    max: number,
    opts: { required?: boolean; plainOnly?: boolean; min?: number } = {},
  ): void {
    if (value === undefined || value === null) {
      if (opts.required) this.err(path, 'is required');
      return;
    }
    if (!isObj(value)) {
      this.err(path, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.err(`${path}/type`, `must be plain_text or mrkdwn (got ${JSON.stringify(value.type)})`);
    } else if (opts.plainOnly && value.type !== 'plain_text') {
      this.err(`${path}/type`, 'must be plain_text');
    }
    this.str(`${path}/text`, value.text, max, { required: true, min: opts.min ?? 1 });
  }

  int(path: string, value: unknown, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.err(path, 'must be an integer');
      return;
    }
    if (value < min || value > max) this.err(path, `must be between ${min} and ${max} (got ${value})`);
  }

  bool(path: string, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean') this.err(path, 'must be a boolean');
  }

  array(path: string, value: unknown, min: number, max: number, required = true): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (required) this.err(path, 'is required');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.err(path, 'must be an array');
      return undefined;
    }
    if (value.length < min) this.err(path, `must have at least ${min} items (got ${value.length})`);
    if (value.length > max) this.err(path, `must have at most ${max} items (got ${value.length})`);
    return value;
  }

  confirm(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObj(value)) {
      this.err(path, 'must be a confirmation dialog object');
      return;
    }
    const L = BLOCK_KIT_LIMITS;
    this.text(`${path}/title`, value.title, L.confirmTitle, { required: true, plainOnly: true });
    this.text(`${path}/text`, value.text, L.confirmText, { required: true });
    this.text(`${path}/confirm`, value.confirm, L.confirmButton, { required: true, plainOnly: true });
    this.text(`${path}/deny`, value.deny, L.confirmButton, { required: true, plainOnly: true });
    this.style(`${path}/style`, value.style);
  }

  style(path: string, value: unknown): void {
    if (value !== undefined && value !== 'primary' && value !== 'danger') {
      this.err(path, 'must be primary or danger');
    }
  }

  option(path: string, value: unknown, opts: { plainOnly: boolean; allowUrl?: boolean }): string | undefined {
    const L = BLOCK_KIT_LIMITS;
    if (!isObj(value)) {
      this.err(path, 'must be an option object');
      return undefined;
    }
    this.text(`${path}/text`, value.text, L.optionText, { required: true, plainOnly: opts.plainOnly });
    this.str(`${path}/value`, value.value, L.optionValue, { required: true, min: 1 });
    this.text(`${path}/description`, value.description, L.optionDescription, { plainOnly: opts.plainOnly });
    if (value.url !== undefined) {
      if (opts.allowUrl) this.str(`${path}/url`, value.url, L.url);
      else this.err(`${path}/url`, 'is only allowed in overflow menus');
    }
    return typeof value.value === 'string' ? value.value : undefined;
  }

  /** Options (≤max) of an element; returns the option values seen. */
  options(
    path: string,
    value: unknown,
    max: number,
    opts: { plainOnly: boolean; allowUrl?: boolean },
  ): string[] {
    const list = this.array(path, value, 1, max);
    const values: string[] = [];
    list?.forEach((o, i) => {
      const v = this.option(`${path}/${i}`, o, opts);
      if (v !== undefined) values.push(v);
    });
    return values;
  }

  /** An initial option (or options) must be one of the element's options. */
  initialOptions(path: string, value: unknown, known: string[] | undefined, multi: boolean): void {
    if (value === undefined) return;
    const list = multi ? (Array.isArray(value) ? value : undefined) : [value];
    if (!list) {
      this.err(path, 'must be an array');
      return;
    }
    list.forEach((o, i) => {
      const p = multi ? `${path}/${i}` : path;
      if (!isObj(o)) {
        this.err(p, 'must be an option object');
        return;
      }
      if (known && (typeof o.value !== 'string' || !known.includes(o.value))) {
        this.err(p, `must match one of the provided options (value ${JSON.stringify(o.value)})`);
      }
    });
  }

  placeholder(path: string, value: unknown): void {
    this.text(path, value, BLOCK_KIT_LIMITS.placeholder, { plainOnly: true });
  }

  element(path: string, el: unknown, place: ElementPlace): void {
    const L = BLOCK_KIT_LIMITS;
    if (!isObj(el)) {
      this.err(path, 'must be an element object');
      return;
    }
    const type = el.type;
    if (typeof type !== 'string') {
      this.err(`${path}/type`, 'is required');
      return;
    }
    const allowed =
      place === 'actions' ? ACTIONS_ELEMENTS : place === 'accessory' ? ACCESSORY_ELEMENTS : INPUT_ELEMENTS;
    if (!allowed.has(type)) {
      this.err(
        `${path}/type`,
        `element type ${JSON.stringify(type)} is not allowed in ${place === 'accessory' ? 'a section accessory' : `an ${place} block`}`,
      );
      return;
    }
    if (type !== 'image') this.str(`${path}/action_id`, el.action_id, L.id, { min: 1 });
    if (el.confirm !== undefined) this.confirm(`${path}/confirm`, el.confirm);
    const isMulti = type.startsWith('multi_');
    switch (type) {
      case 'button':
      case 'workflow_button':
        this.text(`${path}/text`, el.text, L.buttonText, { required: true, plainOnly: true });
        this.str(`${path}/value`, el.value, L.buttonValue);
        this.str(`${path}/url`, el.url, L.url);
        this.str(`${path}/accessibility_label`, el.accessibility_label, L.accessibilityLabel);
        this.style(`${path}/style`, el.style);
        break;
      case 'checkboxes':
      case 'radio_buttons': {
        const max = type === 'checkboxes' ? L.checkboxOptions : L.radioOptions;
        const values = this.options(`${path}/options`, el.options, max, { plainOnly: false });
        if (type === 'checkboxes')
          this.initialOptions(`${path}/initial_options`, el.initial_options, values, true);
        else this.initialOptions(`${path}/initial_option`, el.initial_option, values, false);
        break;
      }
      case 'overflow':
        this.options(`${path}/options`, el.options, L.overflowOptions, { plainOnly: true, allowUrl: true });
        break;
      case 'static_select':
      case 'multi_static_select': {
        this.placeholder(`${path}/placeholder`, el.placeholder);
        let values: string[] | undefined;
        if (el.options !== undefined && el.option_groups !== undefined) {
          this.err(path, 'must provide either options or option_groups, not both');
        } else if (el.option_groups !== undefined) {
          values = [];
          const groups = this.array(`${path}/option_groups`, el.option_groups, 1, L.optionGroups) ?? [];
          groups.forEach((g, i) => {
            const gp = `${path}/option_groups/${i}`;
            if (!isObj(g)) {
              this.err(gp, 'must be an option group object');
              return;
            }
            this.text(`${gp}/label`, g.label, L.optionGroupLabel, { required: true, plainOnly: true });
            values?.push(...this.options(`${gp}/options`, g.options, L.selectOptions, { plainOnly: true }));
          });
        } else if (el.options !== undefined) {
          values = this.options(`${path}/options`, el.options, L.selectOptions, { plainOnly: true });
        } else {
          this.err(path, 'must provide options or option_groups');
        }
        if (isMulti) this.initialOptions(`${path}/initial_options`, el.initial_options, values, true);
        else this.initialOptions(`${path}/initial_option`, el.initial_option, values, false);
        break;
      }
      case 'plain_text_input': {
        const max = L.plainTextInputLength;
        this.placeholder(`${path}/placeholder`, el.placeholder);
        this.int(`${path}/min_length`, el.min_length, 0, max);
        this.int(`${path}/max_length`, el.max_length, 1, max);
        this.bool(`${path}/multiline`, el.multiline);
        if (
          typeof el.min_length === 'number' &&
          typeof el.max_length === 'number' &&
          el.min_length > el.max_length
        ) {
          this.err(`${path}/min_length`, 'must not be greater than max_length');
        }
        const limit = typeof el.max_length === 'number' ? Math.min(el.max_length, max) : max;
        this.str(`${path}/initial_value`, el.initial_value, limit);
        const dac = el.dispatch_action_config;
        if (dac !== undefined) {
          const on = isObj(dac) ? dac.trigger_actions_on : undefined;
          const list = this.array(`${path}/dispatch_action_config/trigger_actions_on`, on, 1, 2);
          list?.forEach((t, i) => {
            if (t !== 'on_enter_pressed' && t !== 'on_character_entered') {
              this.err(
                `${path}/dispatch_action_config/trigger_actions_on/${i}`,
                'must be on_enter_pressed or on_character_entered',
              );
            }
          });
        }
        break;
      }
      case 'number_input':
        this.placeholder(`${path}/placeholder`, el.placeholder);
        if (typeof el.is_decimal_allowed !== 'boolean') {
          this.err(`${path}/is_decimal_allowed`, 'is required and must be a boolean');
        }
        for (const k of ['initial_value', 'min_value', 'max_value'] as const) {
          const v = el[k];
          if (v !== undefined && (typeof v !== 'string' || v.trim() === '' || Number.isNaN(Number(v)))) {
            this.err(`${path}/${k}`, 'must be a numeric string');
          }
        }
        break;
      case 'datepicker':
        this.placeholder(`${path}/placeholder`, el.placeholder);
        if (el.initial_date !== undefined && !isIsoDate(el.initial_date)) {
          this.err(`${path}/initial_date`, 'must be a date in YYYY-MM-DD format');
        }
        break;
      case 'timepicker':
        this.placeholder(`${path}/placeholder`, el.placeholder);
        if (
          el.initial_time !== undefined &&
          !(typeof el.initial_time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(el.initial_time))
        ) {
          this.err(`${path}/initial_time`, 'must be a time in HH:mm format');
        }
        break;
      case 'image':
        this.imageFields(path, el);
        break;
      default:
        // selects other than static, multi-selects, email/url/file/rich text inputs, datetimepicker
        this.placeholder(`${path}/placeholder`, el.placeholder);
        if (isMulti)
          this.int(`${path}/max_selected_items`, el.max_selected_items, 1, Number.MAX_SAFE_INTEGER);
        break;
    }
  }

  imageFields(path: string, el: Obj): void {
    const L = BLOCK_KIT_LIMITS;
    if (el.image_url === undefined && el.slack_file === undefined)
      this.err(`${path}/image_url`, 'is required');
    this.str(`${path}/image_url`, el.image_url, L.imageUrl, { min: 1 });
    this.str(`${path}/alt_text`, el.alt_text, L.altText, { required: true });
  }

  block(path: string, block: unknown, surface: BlockSurface): void {
    const L = BLOCK_KIT_LIMITS;
    if (!isObj(block)) {
      this.err(path, 'must be a block object');
      return;
    }
    const type = block.type;
    if (typeof type !== 'string' || !KNOWN_BLOCK_TYPES.has(type)) {
      this.err(`${path}/type`, `unknown block type ${JSON.stringify(type)}`);
      return;
    }
    this.str(`${path}/block_id`, block.block_id, L.id, { min: 1 });
    switch (type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) {
          this.err(path, 'must provide text or fields');
        }
        this.text(`${path}/text`, block.text, L.sectionText);
        const fields = this.array(`${path}/fields`, block.fields, 1, L.sectionFields, false);
        fields?.forEach((f, i) => {
          this.text(`${path}/fields/${i}`, f, L.sectionField, { required: true });
        });
        if (block.accessory !== undefined) this.element(`${path}/accessory`, block.accessory, 'accessory');
        break;
      }
      case 'header':
        this.text(`${path}/text`, block.text, L.header, { required: true, plainOnly: true });
        break;
      case 'context': {
        const els = this.array(`${path}/elements`, block.elements, 1, L.contextElements);
        els?.forEach((e, i) => {
          const ep = `${path}/elements/${i}`;
          if (isObj(e) && e.type === 'image') this.imageFields(ep, e);
          else this.text(ep, e, L.sectionText, { required: true });
        });
        break;
      }
      case 'actions': {
        const els = this.array(`${path}/elements`, block.elements, 1, L.actionsElements);
        const seen = new Set<string>();
        els?.forEach((e, i) => {
          this.element(`${path}/elements/${i}`, e, 'actions');
          const id = isObj(e) ? e.action_id : undefined;
          if (typeof id === 'string') {
            if (seen.has(id))
              this.err(
                `${path}/elements/${i}/action_id`,
                `duplicate action_id ${JSON.stringify(id)} in block`,
              );
            seen.add(id);
          }
        });
        break;
      }
      case 'input':
        this.text(`${path}/label`, block.label, L.inputLabel, { required: true, plainOnly: true });
        this.text(`${path}/hint`, block.hint, L.inputHint, { plainOnly: true });
        this.bool(`${path}/optional`, block.optional);
        this.bool(`${path}/dispatch_action`, block.dispatch_action);
        if (block.element === undefined) this.err(`${path}/element`, 'is required');
        else this.element(`${path}/element`, block.element, 'input');
        break;
      case 'image':
        this.imageFields(path, block);
        this.text(`${path}/title`, block.title, L.altText, { plainOnly: true });
        break;
      case 'markdown':
        this.str(`${path}/text`, block.text, L.markdownText, { required: true, min: 1 });
        break;
      case 'rich_text':
        this.array(`${path}/elements`, block.elements, 1, Number.MAX_SAFE_INTEGER);
        break;
      case 'data_visualization':
        if (!CHART_SURFACES.has(surface)) {
          this.err(`${path}/type`, `data_visualization blocks are not allowed in a ${surface}`);
          break;
        }
        this.dataVisualization(path, block);
        break;
      case 'data_table':
        this.dataTable(path, block);
        break;
      default:
        break;
    }
  }

  /** `data_visualization`: a title of 1–50 characters and one chart (pie, bar, area or line). */
  dataVisualization(path: string, block: Obj): void {
    const L = BLOCK_KIT_LIMITS;
    this.str(`${path}/title`, block.title, L.chartTitle, { required: true, min: 1 });
    const cp = `${path}/chart`;
    const chart = block.chart;
    if (!isObj(chart)) {
      this.err(cp, chart === undefined ? 'is required' : 'must be a chart object');
      return;
    }
    if (chart.type === 'pie') {
      const segments = this.array(`${cp}/segments`, chart.segments, 1, L.pieSegments);
      segments?.forEach((seg, i) => {
        const sp = `${cp}/segments/${i}`;
        if (!isObj(seg)) {
          this.err(sp, 'must be a segment object {label, value}');
          return;
        }
        this.str(`${sp}/label`, seg.label, L.chartLabel, { required: true, min: 1 });
        if (!isFiniteNumber(seg.value)) this.err(`${sp}/value`, 'is required and must be a finite number');
        else if (seg.value <= 0) this.err(`${sp}/value`, `must be greater than 0 (got ${seg.value})`);
      });
    } else if (typeof chart.type === 'string' && XY_CHARTS.has(chart.type)) {
      this.xyChart(cp, chart);
    } else {
      this.err(`${cp}/type`, `must be pie, bar, area or line (got ${JSON.stringify(chart.type)})`);
    }
  }

  /**
   * Bar, area and line charts: `axis_config.categories` (unique labels of 1–20 characters; the reference gives
   * no maximum count) and 1–6 uniquely named series, each with exactly one finite `{label, value}` point per
   * category and no point for a label that is not a category.
   */
  xyChart(cp: string, chart: Obj): void {
    const L = BLOCK_KIT_LIMITS;
    const ap = `${cp}/axis_config`;
    let categories: Set<string> | undefined;
    const axis = chart.axis_config;
    if (!isObj(axis)) {
      this.err(ap, axis === undefined ? 'is required' : 'must be an axis config object');
    } else {
      const list = this.array(`${ap}/categories`, axis.categories, 1, Number.MAX_SAFE_INTEGER);
      if (list) {
        const seen = new Set<string>();
        let usable = true;
        list.forEach((c, i) => {
          const p = `${ap}/categories/${i}`;
          if (typeof c !== 'string') {
            this.err(p, 'must be a string');
            usable = false;
            return;
          }
          this.str(p, c, L.chartLabel, { min: 1 });
          if (seen.has(c)) this.err(p, `duplicate category ${JSON.stringify(c)}`);
          seen.add(c);
        });
        if (usable) categories = seen;
      }
      this.str(`${ap}/x_label`, axis.x_label, L.axisLabel);
      this.str(`${ap}/y_label`, axis.y_label, L.axisLabel);
    }
    const series = this.array(`${cp}/series`, chart.series, 1, L.chartSeries);
    const names = new Set<string>();
    series?.forEach((s, i) => {
      const sp = `${cp}/series/${i}`;
      if (!isObj(s)) {
        this.err(sp, 'must be a series object {name, data}');
        return;
      }
      this.str(`${sp}/name`, s.name, Number.MAX_SAFE_INTEGER, { required: true, min: 1 });
      if (typeof s.name === 'string') {
        if (names.has(s.name)) this.err(`${sp}/name`, `duplicate series name ${JSON.stringify(s.name)}`);
        names.add(s.name);
      }
      const data = this.array(`${sp}/data`, s.data, 1, Number.MAX_SAFE_INTEGER);
      if (!data) return;
      const labels = new Set<string>();
      data.forEach((point, j) => {
        const pp = `${sp}/data/${j}`;
        if (!isObj(point)) {
          this.err(pp, 'must be a data point {label, value}');
          return;
        }
        if (typeof point.label !== 'string' || point.label === '') {
          this.err(`${pp}/label`, 'is required and must be a category label');
        } else if (categories && !categories.has(point.label)) {
          this.err(`${pp}/label`, `${JSON.stringify(point.label)} is not one of axis_config.categories`);
        } else if (labels.has(point.label)) {
          this.err(`${pp}/label`, `duplicate point for category ${JSON.stringify(point.label)}`);
        } else {
          labels.add(point.label);
        }
        if (!isFiniteNumber(point.value)) this.err(`${pp}/value`, 'is required and must be a finite number');
      });
      if (categories) {
        const missing = [...categories].filter((c) => !labels.has(c));
        if (missing.length > 0) {
          const shown = missing.slice(0, 3).map((m) => JSON.stringify(m));
          this.err(
            `${sp}/data`,
            `must have one point per category; missing ${shown.join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`,
          );
        }
      }
    });
  }

  /**
   * `data_table`: a caption, a header row (no rich_text) and 1–100 data rows of 1–20 cells each, every row as
   * long as the header, at most 10,000 characters across all cells; `page_size` 1–100;
   * `row_header_column_index` a column of the table.
   */
  dataTable(path: string, block: Obj): void {
    const L = BLOCK_KIT_LIMITS;
    this.str(`${path}/caption`, block.caption, Number.MAX_SAFE_INTEGER, { required: true, min: 1 });
    this.int(`${path}/page_size`, block.page_size, 1, L.tablePageSize);
    const rp = `${path}/rows`;
    const rows = block.rows;
    let columns: number | undefined;
    if (rows === undefined || rows === null) {
      this.err(rp, 'is required');
    } else if (!Array.isArray(rows)) {
      this.err(rp, 'must be an array of rows');
    } else if (rows.length < 2 || rows.length > L.tableRows + 1) {
      this.err(
        rp,
        `must have a header row and 1–${L.tableRows} data rows (got ${rows.length === 0 ? 'no rows' : `${rows.length - 1} data rows`})`,
      );
    }
    if (Array.isArray(rows)) {
      let characters = 0;
      rows.forEach((row, r) => {
        const p = `${rp}/${r}`;
        if (!Array.isArray(row)) {
          this.err(p, 'must be an array of cells');
          return;
        }
        if (r === 0) {
          if (row.length < 1 || row.length > L.tableColumns)
            this.err(p, `must have 1–${L.tableColumns} columns (got ${row.length})`);
          columns = row.length;
        } else if (columns !== undefined && row.length !== columns) {
          this.err(p, `must have ${columns} cells, as many as the header row (got ${row.length})`);
        }
        row.forEach((cell, c) => {
          characters += this.tableCell(`${p}/${c}`, cell, r === 0);
        });
      });
      if (characters > L.tableCharacters) {
        this.err(
          rp,
          `must have at most ${L.tableCharacters} characters across all cells (got ${characters})`,
        );
      }
    }
    const lastColumn = columns !== undefined && columns > 0 ? columns - 1 : Number.MAX_SAFE_INTEGER;
    this.int(`${path}/row_header_column_index`, block.row_header_column_index, 0, lastColumn);
  }

  /**
   * One data table cell; returns its character count. `raw_text` {text ≥ 1 character}; `raw_number` {value:
   * a finite number, text: how it is shown, ≥ 1 character} (Slack's schema and `@slack/types` 3.2 call the
   * number `value`, not `number`); `rich_text` {elements}, not in the header row.
   */
  tableCell(path: string, cell: unknown, header: boolean): number {
    if (!isObj(cell)) {
      this.err(path, 'must be a cell object');
      return 0;
    }
    const type = cell.type;
    if (typeof type !== 'string' || !TABLE_CELLS.has(type)) {
      this.err(`${path}/type`, `must be raw_text, raw_number or rich_text (got ${JSON.stringify(type)})`);
      return 0;
    }
    if (type === 'raw_text') {
      this.str(`${path}/text`, cell.text, Number.MAX_SAFE_INTEGER, { required: true, min: 1 });
      return typeof cell.text === 'string' ? cell.text.length : 0;
    }
    if (type === 'raw_number') {
      if (cell.value === undefined && cell.number !== undefined) {
        this.err(`${path}/value`, 'is required (a raw_number holds its number in value, not number)');
      } else if (!isFiniteNumber(cell.value)) {
        this.err(`${path}/value`, 'is required and must be a finite number');
      }
      this.str(`${path}/text`, cell.text, Number.MAX_SAFE_INTEGER, { required: true, min: 1 });
      return typeof cell.text === 'string' ? cell.text.length : 0;
    }
    if (header) {
      this.err(`${path}/type`, 'rich_text cells are not allowed in the header row');
      return 0;
    }
    this.array(`${path}/elements`, cell.elements, 1, Number.MAX_SAFE_INTEGER);
    return richTextLength(cell.elements);
  }

  blocks(path: string, blocks: unknown, surface: BlockSurface): void {
    if (!Array.isArray(blocks)) {
      this.err(path, 'must be an array of blocks');
      return;
    }
    const max = BLOCK_KIT_LIMITS.blocks[surface];
    if (blocks.length > max)
      this.err(path, `must have at most ${max} blocks in a ${surface} (got ${blocks.length})`);
    const charts = blocks.filter((b) => isObj(b) && b.type === 'data_visualization').length;
    if (charts > BLOCK_KIT_LIMITS.chartsPerSurface && CHART_SURFACES.has(surface)) {
      this.err(
        path,
        `must have at most ${BLOCK_KIT_LIMITS.chartsPerSurface} data_visualization blocks in a ${surface} (got ${charts})`,
      );
    }
    const seen = new Set<string>();
    blocks.forEach((b, i) => {
      this.block(`${path}/${i}`, b, surface);
      const id = isObj(b) ? b.block_id : undefined;
      if (typeof id === 'string') {
        if (seen.has(id)) this.err(`${path}/${i}/block_id`, `duplicate block_id ${JSON.stringify(id)}`);
        seen.add(id);
      }
    });
  }
}

/** Characters of text in a rich_text value: every `text` string inside it, at any depth. */
function richTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + richTextLength(v), 0);
  if (!isObj(value)) return 0;
  let n = typeof value.text === 'string' ? value.text.length : 0;
  if (value.elements !== undefined) n += richTextLength(value.elements);
  return n;
}

function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** Problems with `blocks` for the given surface; empty when Slack would accept them. */
export function validateBlocks(blocks: unknown, surface: BlockSurface): string[] {
  const c = new Checker();
  c.blocks('/blocks', blocks, surface);
  return c.errors;
}

/** Problems with a view object (modal or Home tab); empty when Slack would accept it. */
export function validateView(view: unknown): string[] {
  const L = BLOCK_KIT_LIMITS;
  const c = new Checker();
  if (!isObj(view)) {
    c.err('/view', 'must be a view object');
    return c.errors;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    c.err('/view/type', `must be modal or home (got ${JSON.stringify(type)})`);
    return c.errors;
  }
  c.str('/view/callback_id', view.callback_id, L.id);
  c.str('/view/external_id', view.external_id, L.id);
  c.str('/view/private_metadata', view.private_metadata, L.privateMetadata);
  c.bool('/view/clear_on_close', view.clear_on_close);
  c.bool('/view/notify_on_close', view.notify_on_close);
  if (type === 'modal') {
    c.text('/view/title', view.title, L.viewTitle, { required: true, plainOnly: true });
    c.text('/view/submit', view.submit, L.viewTitle, { plainOnly: true });
    c.text('/view/close', view.close, L.viewTitle, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      c.err('/view/submit', 'is required when the view has input blocks');
  }
  if (view.blocks === undefined) c.err('/view/blocks', 'is required');
  else c.blocks('/view/blocks', view.blocks, type);
  return c.errors;
}

/** `msg_too_long` check for a message's top-level text. */
export function isMessageTextTooLong(text: unknown): boolean {
  return typeof text === 'string' && text.length > BLOCK_KIT_LIMITS.messageText;
}
