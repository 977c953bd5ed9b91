/**
 * Pod security context options with formats of their own: sysctl names (`validateSysctls`) and
 * Windows options (`validateWindowsSecurityContextOptions`), from kubernetes/kubernetes
 * `pkg/apis/core/validation/validation.go` (1.28).
 */
import { Violation } from '../../types';
import { asArray, asObject, asStruct, duplicate, invalid, invalidEach, required } from '../common/field';
import { isDns1123Subdomain } from '../common/names';

/** The longest sysctl name (`SysctlMaxLength`). */
const SYSCTL_MAX_LENGTH = 253;
/** `SysctlContainSlashFmt`: dot- or slash-separated segments. */
const SYSCTL_PATTERN = '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$';
const SYSCTL_RE = new RegExp(SYSCTL_PATTERN);
const SYSCTL_MESSAGE = `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_PATTERN}`;

const MAX_GMSA_CREDENTIAL_SPEC_LENGTH = 64 * 1024;
const MAX_RUN_AS_USER_NAME_DOMAIN_LENGTH = 256;
const MAX_RUN_AS_USER_NAME_USER_LENGTH = 104;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\x00-\x1f\x7f]/;
const NETBIOS_RE = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_DOMAIN_RE = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/;
const INVALID_USER_CHARS_RE = /["/\\:;|=,+*?<>@[\]]/;
const DOTS_SPACES_RE = /^[. ]+$/;

/** `spec.securityContext.sysctls`: a name of the sysctl format, not repeated (values are free text). */
export function validateSysctls(out: Violation[], value: unknown, path: string): void {
  const names = new Set<string>();
  asArray(value).forEach((item, i) => {
    const name = asStruct(item).name;
    const p = `${path}[${i}].name`;
    if (typeof name !== 'string' || name.length === 0) {
      out.push(required(p));
      return;
    }
    if (name.length > SYSCTL_MAX_LENGTH || !SYSCTL_RE.test(name)) {
      out.push(invalid(p, name, SYSCTL_MESSAGE));
    } else if (names.has(name)) {
      out.push(duplicate(p, name));
    }
    names.add(name);
  });
}

/** `validateWindowsSecurityContextOptions` (pod and container security contexts). */
export function validateWindowsOptions(out: Violation[], value: unknown, path: string): void {
  const options = asObject(value);
  if (!options) {
    return;
  }
  const specName = options.gmsaCredentialSpecName;
  if (typeof specName === 'string') {
    invalidEach(out, `${path}.gmsaCredentialSpecName`, specName, isDns1123Subdomain(specName));
  }
  const spec = options.gmsaCredentialSpec;
  if (typeof spec === 'string') {
    if (spec.length === 0) {
      out.push(invalid(`${path}.gmsaCredentialSpec`, spec, 'gmsaCredentialSpec cannot be an empty string'));
    } else if (Buffer.byteLength(spec) > MAX_GMSA_CREDENTIAL_SPEC_LENGTH) {
      out.push(invalid(`${path}.gmsaCredentialSpec`, spec, 'gmsaCredentialSpec size must be under 64 KiB'));
    }
  }
  const userName = options.runAsUserName;
  if (typeof userName === 'string') {
    validateRunAsUserName(out, userName, `${path}.runAsUserName`);
  }
}

/** `runAsUserName`: `[domain\]user`, the domain a NetBIOS or DNS name, the user without reserved characters. */
function validateRunAsUserName(out: Violation[], name: string, path: string): void {
  if (name.length === 0) {
    out.push(invalid(path, name, 'runAsUserName cannot be an empty string'));
    return;
  }
  if (CONTROL_RE.test(name)) {
    out.push(invalid(path, name, 'runAsUserName cannot contain control characters'));
    return;
  }
  const parts = name.split('\\');
  if (parts.length > 2) {
    out.push(invalid(path, name, 'runAsUserName cannot contain more than one backslash'));
    return;
  }
  const hasDomain = parts.length === 2;
  const domain = hasDomain ? parts[0] : '';
  const user = hasDomain ? parts[1] : parts[0];
  if (Buffer.byteLength(domain) >= MAX_RUN_AS_USER_NAME_DOMAIN_LENGTH) {
    out.push(invalid(path, name, `runAsUserName's Domain length must be under ${MAX_RUN_AS_USER_NAME_DOMAIN_LENGTH} characters`));
  }
  if (hasDomain && !(NETBIOS_RE.test(domain) || DNS_DOMAIN_RE.test(domain))) {
    out.push(invalid(path, name, "runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
  }
  const userLength = Buffer.byteLength(user);
  if (userLength === 0) {
    out.push(invalid(path, name, "runAsUserName's User cannot be empty"));
  } else if (userLength > MAX_RUN_AS_USER_NAME_USER_LENGTH) {
    out.push(invalid(path, name, `runAsUserName's User length must not be longer than ${MAX_RUN_AS_USER_NAME_USER_LENGTH} characters`));
  }
  if (DOTS_SPACES_RE.test(user)) {
    out.push(invalid(path, name, "runAsUserName's User cannot contain only periods or spaces"));
  }
  if (INVALID_USER_CHARS_RE.test(user)) {
    out.push(invalid(path, name, 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]'));
  }
}
