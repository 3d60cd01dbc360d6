// Catalog data check for MpEmulator (plain Node, no dependencies).
// Usage (from the repository root): node tests/catalog-check/check.mjs
// Loads src/MpEmulator/Catalog/Data/<SITE>.json for the seven sites, validates the shape and types
// of every field, and checks that every documented test card resolves to the expected payment method.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, "..", "..", "src", "MpEmulator", "Catalog", "Data");
const SITES = ["MLA", "MLB", "MLM", "MLC", "MCO", "MPE", "MLU"];

let failures = 0;
let passes = 0;
const pass = (msg) => { passes++; console.log(`PASS ${msg}`); };
const fail = (msg) => { failures++; console.log(`FAIL ${msg}`); };
const check = (cond, msg) => (cond ? pass(msg) : fail(msg));

// ---------------------------------------------------------------- expectations
const EXPECTED_SITE = {
  MLA: { currency_id: "ARS", decimals: 2, authorization_days: 7, refund_days: 360, partial_refunds: true },
  MLB: { currency_id: "BRL", decimals: 2, authorization_days: 5, refund_days: 180, partial_refunds: true },
  MLM: { currency_id: "MXN", decimals: 2, authorization_days: 7, refund_days: 180, partial_refunds: true },
  MLC: { currency_id: "CLP", decimals: 0, authorization_days: null, refund_days: 330, partial_refunds: true },
  MCO: { currency_id: "COP", decimals: 2, authorization_days: null, refund_days: 180, partial_refunds: true },
  MPE: { currency_id: "PEN", decimals: 2, authorization_days: 22, refund_days: 90, partial_refunds: false },
  MLU: { currency_id: "UYU", decimals: 2, authorization_days: null, refund_days: 90, partial_refunds: true },
};

// [site, card number, expected payment_method_id]
const TEST_CARDS = [
  ["MLA", "5031 7557 3453 0604", "master"],
  ["MLA", "4509 9535 6623 3704", "visa"],
  ["MLA", "3711 803032 57522", "amex"],
  ["MLA", "5287 3383 1025 3304", "debmaster"],
  ["MLA", "4002 7686 9439 5619", "debvisa"],
  ["MLB", "5031 4332 1540 6351", "master"],
  ["MLB", "5480 8328 0103 3311", "master"],
  ["MLB", "4235 6477 2802 5682", "visa"],
  ["MLB", "3753 651535 56885", "amex"],
  ["MLB", "5067 7667 8388 8311", "debelo"],
  ["MLC", "5416 7526 0258 2580", "master"],
  ["MLC", "4168 8188 4444 7115", "visa"],
  ["MLC", "3757 781744 61804", "amex"],
  ["MLC", "5241 0198 2664 6950", "debmaster"],
  ["MLC", "4023 6535 2391 4373", "debvisa"],
  ["MCO", "5254 1336 7440 3564", "master"],
  ["MCO", "4013 5406 8274 6260", "visa"],
  ["MCO", "3743 781877 55283", "amex"],
  ["MCO", "4915 1120 5524 6507", "debvisa"],
  ["MLM", "5474 9254 3267 0366", "master"],
  ["MLM", "4075 5957 1648 3764", "visa"],
  ["MLM", "3711 803032 57522", "amex"],
  ["MLM", "5579 0534 6148 2647", "debmaster"],
  ["MLM", "4189 1412 2126 7633", "debvisa"],
  ["MLU", "5031 7557 3453 0604", "master"],
  ["MLU", "4509 9535 6623 3704", "visa"],
  ["MLU", "4213 0163 1470 6756", "debvisa"],
  ["MPE", "5031 7557 3453 0604", "master"],
  ["MPE", "4009 1753 3280 6176", "visa"],
  ["MPE", "3711 803032 57522", "amex"],
  ["MPE", "5178 7816 2220 2455", "debmaster"],
  // Mastercards used by the .NET SDK integration tests
  ["MLA", "5031755734530604", "master"],
  ["MLB", "5031433215406351", "master"],
  ["MLM", "5474925432670366", "master"],
  ["MCO", "5254133674403564", "master"],
  ["MLC", "5416752602582580", "master"],
  ["MPE", "5118437884865678", "master"],
  ["MLU", "5808887774641586", "master"],
];

// Methods each site must offer (brief coverage list).
const REQUIRED_METHODS = {
  MLA: ["visa", "master", "amex", "naranja", "cabal", "argencard", "debvisa", "debmaster", "maestro", "rapipago", "pagofacil"],
  MLB: ["visa", "master", "amex", "elo", "hipercard", "cabal", "debvisa", "debmaster", "debelo", "pix", "bolbradesco"],
  MLM: ["visa", "master", "amex", "debvisa", "debmaster", "oxxo"],
  MLC: ["visa", "master", "amex", "debvisa", "debmaster"],
  MCO: ["visa", "master", "amex", "debvisa", "efecty"],
  MPE: ["visa", "master", "amex", "debvisa", "debmaster", "pagoefectivo_atm"],
  MLU: ["visa", "master", "debvisa", "abitab", "redpagos"],
};

const CARD_TYPES = new Set(["credit_card", "debit_card", "prepaid_card"]);
const NO_CAPTURE_TYPES = new Set(["ticket", "bank_transfer", "atm", "account_money", "digital_currency"]);

// ---------------------------------------------------------------- helpers
const isStr = (v) => typeof v === "string";
const isNonEmptyStr = (v) => typeof v === "string" && v.length > 0;
const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const isInt = (v) => Number.isInteger(v);
const isBool = (v) => typeof v === "boolean";
const isArr = Array.isArray;
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isHttps = (v) => isStr(v) && /^https:\/\/[^\s]+$/.test(v);

function luhn(num) {
  let sum = 0;
  let dbl = false;
  for (let i = num.length - 1; i >= 0; i--) {
    let d = num.charCodeAt(i) - 48;
    if (dbl) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

function compile(src, where) {
  try {
    return new RegExp(src);
  } catch (e) {
    fail(`${where}: invalid regex ${JSON.stringify(src)}: ${e.message}`);
    return null;
  }
}

// Returns [{method, setting}] of all card settings that accept the prefix
// (exclusion_pattern tested first: a match excludes; then pattern).
function matches(site, prefix) {
  const out = [];
  for (const m of site.payment_methods) {
    if (!CARD_TYPES.has(m.payment_type_id)) continue;
    for (const s of m.settings) {
      const excl = s.bin.exclusion_pattern;
      if (excl !== null && excl !== "" && new RegExp(excl).test(prefix)) continue;
      if (new RegExp(s.bin.pattern).test(prefix)) out.push({ method: m, setting: s });
    }
  }
  return out;
}

// ---------------------------------------------------------------- shape checks
function checkSite(code, s) {
  const exp = EXPECTED_SITE[code];
  const p = `${code}`;
  check(s.site_id === code, `${p} site_id == ${code}`);
  for (const [k, v] of Object.entries(exp)) check(s[k] === v, `${p} ${k} == ${JSON.stringify(v)} (got ${JSON.stringify(s[k])})`);
  check(isInt(s.decimals), `${p} decimals is integer`);
  check(s.authorization_days === null || isInt(s.authorization_days), `${p} authorization_days is integer|null`);
  check(isInt(s.refund_days), `${p} refund_days is integer`);
  check(isBool(s.partial_refunds), `${p} partial_refunds is boolean`);

  // identification_types
  const ids = s.identification_types;
  check(isArr(ids) && ids.length > 0, `${p} identification_types is non-empty array`);
  let idOk = isArr(ids);
  for (const t of ids || []) {
    const ok = isNonEmptyStr(t.id) && isNonEmptyStr(t.name) && (t.type === "number" || t.type === "letter") &&
      isInt(t.min_length) && isInt(t.max_length) && t.min_length >= 1 && t.min_length <= t.max_length &&
      Object.keys(t).length === 5;
    if (!ok) { idOk = false; fail(`${p} identification_type ${JSON.stringify(t)} malformed`); }
  }
  if (idOk) pass(`${p} identification_types entries well-formed (${ids.map((t) => t.id).join(",")})`);

  // payment methods
  const pms = s.payment_methods;
  check(isArr(pms) && pms.length > 0, `${p} payment_methods is non-empty array`);
  const seen = new Set();
  for (const m of pms || []) {
    const q = `${p} ${m.id}`;
    const errs = [];
    const need = ["id", "name", "payment_type_id", "status", "secure_thumbnail", "thumbnail", "deferred_capture",
      "settings", "additional_info_needed", "min_allowed_amount", "max_allowed_amount", "accreditation_time",
      "financial_institutions", "processing_modes"];
    for (const k of need) if (!(k in m)) errs.push(`missing ${k}`);
    if (!isNonEmptyStr(m.id)) errs.push("id not string");
    if (seen.has(m.id)) errs.push("duplicate id");
    seen.add(m.id);
    if (!isNonEmptyStr(m.name)) errs.push("name not string");
    if (!isNonEmptyStr(m.payment_type_id)) errs.push("payment_type_id not string");
    if (m.status !== "active") errs.push(`status ${m.status}`);
    if (!isHttps(m.secure_thumbnail)) errs.push("secure_thumbnail not https url");
    if (!isHttps(m.thumbnail)) errs.push("thumbnail not https url");
    const isCard = CARD_TYPES.has(m.payment_type_id);
    let expDc;
    if (m.payment_type_id === "credit_card") expDc = s.authorization_days === null ? "unsupported" : "supported";
    else if (isCard) expDc = "unsupported";
    else if (NO_CAPTURE_TYPES.has(m.payment_type_id)) expDc = "does_not_apply";
    if (m.deferred_capture !== expDc) errs.push(`deferred_capture ${m.deferred_capture} (expected ${expDc})`);
    if (!isArr(m.settings)) errs.push("settings not array");
    else if (isCard && m.settings.length === 0) errs.push("card method without settings");
    else if (!isCard && m.settings.length !== 0) errs.push("non-card method with settings");
    for (const [i, st] of (isArr(m.settings) ? m.settings : []).entries()) {
      const w = `settings[${i}]`;
      if (!isObj(st.card_number) || !isInt(st.card_number.length) || !["standard", "none"].includes(st.card_number.validation))
        errs.push(`${w}.card_number malformed`);
      if (!isObj(st.bin) || !isNonEmptyStr(st.bin.pattern) || !isStr(st.bin.installments_pattern) ||
        !(st.bin.exclusion_pattern === null || isStr(st.bin.exclusion_pattern)) || !("exclusion_pattern" in st.bin))
        errs.push(`${w}.bin malformed`);
      else {
        compile(st.bin.pattern, `${q} ${w}.bin.pattern`);
        compile(st.bin.installments_pattern, `${q} ${w}.bin.installments_pattern`);
        if (st.bin.exclusion_pattern !== null) compile(st.bin.exclusion_pattern, `${q} ${w}.bin.exclusion_pattern`);
      }
      if (!isObj(st.security_code) || !isInt(st.security_code.length) ||
        !["back", "front"].includes(st.security_code.card_location) || st.security_code.mode !== "mandatory")
        errs.push(`${w}.security_code malformed`);
    }
    if (!isArr(m.additional_info_needed) || !m.additional_info_needed.every(isNonEmptyStr)) errs.push("additional_info_needed not string[]");
    if (!isNum(m.min_allowed_amount)) errs.push("min_allowed_amount not number");
    if (!isNum(m.max_allowed_amount)) errs.push("max_allowed_amount not number");
    if (isNum(m.min_allowed_amount) && isNum(m.max_allowed_amount) && m.min_allowed_amount > m.max_allowed_amount) errs.push("min > max");
    if (!isInt(m.accreditation_time) || m.accreditation_time < 0) errs.push("accreditation_time not non-negative integer");
    if (isCard && m.accreditation_time !== 0) errs.push("card accreditation_time != 0");
    if (!isArr(m.financial_institutions) || !m.financial_institutions.every((f) => isNonEmptyStr(f.id) && isNonEmptyStr(f.description)))
      errs.push("financial_institutions malformed");
    if (!isArr(m.processing_modes) || m.processing_modes.length !== 1 || m.processing_modes[0] !== "aggregator") errs.push("processing_modes != [aggregator]");
    if (m.payment_type_id === "credit_card" && m.id === "amex") {
      for (const st of m.settings) {
        if (st.card_number.length !== 15 || st.security_code.length !== 4 || st.security_code.card_location !== "front")
          errs.push("amex must be 15 digits / CVV 4 front");
      }
    }
    if (m.id === "pix") {
      const fi = m.financial_institutions;
      if (!(fi.length === 1 && fi[0].id === "1" && fi[0].description === "PIX")) errs.push("pix financial_institutions != [{1,PIX}]");
      if (m.payment_type_id !== "bank_transfer") errs.push("pix payment_type_id != bank_transfer");
    }
    if (errs.length) fail(`${q}: ${errs.join("; ")}`);
    else pass(`${q} (${m.payment_type_id}) well-formed`);
  }

  for (const id of REQUIRED_METHODS[code]) check(seen.has(id), `${p} offers ${id}`);

  // issuers
  check(isObj(s.issuers), `${p} issuers is object`);
  const cardIds = (pms || []).filter((m) => CARD_TYPES.has(m.payment_type_id)).map((m) => m.id);
  for (const id of cardIds) check(isArr(s.issuers?.[id]) && s.issuers[id].length > 0, `${p} issuers has entry for card method ${id}`);
  for (const [pmId, list] of Object.entries(s.issuers || {})) {
    const errs = [];
    if (!seen.has(pmId)) errs.push("unknown payment method");
    if (!isArr(list)) errs.push("not array");
    for (const is of isArr(list) ? list : []) {
      if (!isNonEmptyStr(is.id)) errs.push("id not string");
      if (!isNonEmptyStr(is.name)) errs.push("name not string");
      if (!isHttps(is.secure_thumbnail) || !isHttps(is.thumbnail)) errs.push("thumbnails not https");
      if (is.processing_mode !== "aggregator") errs.push("processing_mode != aggregator");
      if (!("merchant_account_id" in is) || !(is.merchant_account_id === null || isStr(is.merchant_account_id))) errs.push("merchant_account_id");
      if (is.status !== "active") errs.push("status != active");
    }
    if (errs.length) fail(`${p} issuers.${pmId}: ${errs.join("; ")}`);
    else pass(`${p} issuers.${pmId} well-formed`);
  }

  // installment rates
  const r = s.installment_rates;
  const keys = isObj(r) ? Object.keys(r) : [];
  const want = Array.from({ length: 12 }, (_, i) => String(i + 1));
  check(isObj(r) && want.every((k) => isNum(r[k]) && r[k] >= 0) && keys.every((k) => want.includes(k)),
    `${p} installment_rates has numeric keys "1".."12"`);
  check(isObj(r) && r["1"] === 0, `${p} installment_rates["1"] == 0`);
  if (isObj(r)) {
    let mono = true;
    for (let i = 2; i <= 12; i++) if (r[String(i)] < r[String(i - 1)]) mono = false;
    check(mono, `${p} installment_rates non-decreasing`);
  }
}

// ---------------------------------------------------------------- run
const catalogs = {};
for (const code of SITES) {
  const file = join(dataDir, `${code}.json`);
  try {
    catalogs[code] = JSON.parse(readFileSync(file, "utf8"));
    pass(`${code} loaded ${file}`);
  } catch (e) {
    fail(`${code} could not load ${file}: ${e.message}`);
  }
}
for (const code of SITES) if (catalogs[code]) checkSite(code, catalogs[code]);

for (const [code, raw, expected] of TEST_CARDS) {
  const site = catalogs[code];
  const num = raw.replace(/\s+/g, "");
  check(/^\d+$/.test(num) && luhn(num), `${code} ${num} passes Luhn`);
  if (!site) { fail(`${code} ${num} -> ${expected}: catalog missing`); continue; }
  for (const len of [6, 8]) {
    const prefix = num.slice(0, len);
    let ms;
    try { ms = matches(site, prefix); } catch (e) { fail(`${code} ${num} bin ${prefix}: ${e.message}`); continue; }
    const ids = [...new Set(ms.map((x) => x.method.id))];
    const first = ms.length ? ms[0].method.id : null;
    const ok = first === expected && ids.length === 1;
    check(ok, `${code} ${num} bin ${prefix} -> ${expected} (first=${first}, all=[${ids.join(",")}])`);
    if (ok) {
      const st = ms[0].setting;
      const lens = ms.map((x) => x.setting.card_number.length);
      check(lens.includes(num.length), `${code} ${num} length ${num.length} matches card_number.length [${lens.join(",")}]`);
      if (expected === "amex") {
        check(st.card_number.length === 15 && st.security_code.length === 4 && st.security_code.card_location === "front",
          `${code} ${num} amex setting: 15 digits, CVV 4, front`);
      }
      const m = ms[0].method;
      const expType = expected.startsWith("deb") ? "debit_card" : "credit_card";
      check(m.payment_type_id === expType, `${code} ${num} payment_type_id == ${expType}`);
    }
  }
}

console.log(`\n${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
