import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';

import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

/** Options for `Image.of`. */
export interface ImageOptions {
  /**
   * Accept a mutable reference: no tag, or the `latest` tag, without a digest.
   *
   * Such an image can change under a running Deployment, so it is pulled on every start
   * (`imagePullPolicy: Always`). Use it for development only.
   *
   * @default false
   */
  readonly allowMutableTag?: boolean;
}

/** The pull policy of a container image. */
export enum ImagePullPolicy {
  /** Pull only if the image is not on the node (pinned images). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Pull on every container start (mutable tags). */
  ALWAYS = 'Always',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const WHITESPACE = /\s/;

const IMAGE_OPTION_NAMES = propNamesOf<ImageOptions>('ImageOptions', { allowMutableTag: true });

/**
 * A container image reference, pinned by tag or digest.
 *
 * `Image.of('ghcr.io/org/app:1.2.3')` or `Image.fromDigest('ghcr.io/org/app', 'sha256:…')`.
 * A reference without a tag or with `latest` is rejected by the construct that receives it
 * unless `allowMutableTag` is set. Pinned images use `imagePullPolicy: IfNotPresent`.
 */
export class Image {
  /**
   * An image from a full reference `[registry/]repository[:tag][@sha256:digest]`.
   */
  public static of(reference: string, options: ImageOptions = {}): Image {
    return withOptions(new Image(reference, options?.allowMutableTag ?? false), options, IMAGE_OPTION_NAMES);
  }

  /**
   * An image pinned by content digest (`sha256:` + 64 hex digits).
   */
  public static fromDigest(repository: string, digest: string): Image {
    return new Image(`${repository}@${digest}`, false);
  }

  /** The full reference, as rendered into the pod spec. */
  public readonly reference: string;
  /** The repository part (`[registry/]path`). */
  public readonly repository: string;
  /** The tag. @default - none */
  public readonly tag?: string;
  /** The digest (`sha256:…`). @default - none */
  public readonly digest?: string;
  /** Whether a mutable reference was explicitly allowed. */
  public readonly allowMutableTag: boolean;

  private constructor(reference: string, allowMutableTag: boolean) {
    this.reference = reference;
    this.allowMutableTag = allowMutableTag;
    let rest = reference;
    const at = rest.indexOf('@');
    if (at >= 0) {
      this.digest = rest.slice(at + 1);
      rest = rest.slice(0, at);
    }
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      this.tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
    this.repository = rest;
  }

  /** Whether the reference can point at different content over time (no digest, and no tag or `latest`). */
  public get isMutable(): boolean {
    return this.digest === undefined && (this.tag === undefined || this.tag === 'latest');
  }

  /** `IfNotPresent` for pinned images, `Always` for an allowed mutable tag. */
  public get pullPolicy(): ImagePullPolicy {
    return this.isMutable ? ImagePullPolicy.ALWAYS : ImagePullPolicy.IF_NOT_PRESENT;
  }

  /**
   * A label-safe version string: the tag, else `sha256-` and the first 12 digest digits.
   */
  public get version(): string {
    if (this.tag !== undefined && this.tag !== 'latest') {
      return this.tag;
    }
    if (this.digest !== undefined) {
      return this.digest.replace(':', '-').slice(0, 'sha256-'.length + 12);
    }
    return 'latest';
  }

  /**
   * Checks the reference; throws a `ValidationError` on `scope` for `prop`.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    checkMadeWith(scope, prop, this);
    const shown = (): string => JSON.stringify(this.reference);
    if (this.repository === '' || WHITESPACE.test(this.reference) || this.repository !== this.repository.toLowerCase()) {
      throw new ValidationError(scope, `'${prop}' (${shown()}) must be an image reference `
        + '\'[registry/]repository[:tag][@sha256:digest]\' with a lower-case repository');
    }
    if (this.digest !== undefined && !DIGEST.test(this.digest)) {
      throw new ValidationError(scope, `'${prop}' (${shown()}) has an invalid digest: expected 'sha256:' followed by 64 lower-case hex digits`);
    }
    if (this.tag !== undefined && !TAG.test(this.tag)) {
      throw new ValidationError(scope, `'${prop}' (${shown()}) has an invalid tag: up to 128 letters, digits, '_', '.' or '-'`);
    }
    if (this.isMutable && !this.allowMutableTag) {
      throw new ValidationError(scope, `'${prop}' (${shown()}) must be pinned to a tag other than 'latest' or to a digest; `
        + 'use Image.of(\'repo:1.2.3\'), Image.fromDigest(repo, \'sha256:…\') or Image.of(ref, { allowMutableTag: true })');
    }
  }
}

/**
 * Checks that the untyped `image` input is an `Image`, then validates it.
 *
 * @internal
 */
export function validateImage(scope: IConstruct, prop: string, image: unknown): Image {
  if (image === undefined || image === null) {
    throw new ValidationError(scope, `'${prop}' is required: pass Image.of('repository:tag')`);
  }
  if (!(image instanceof Image)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(image)}) must be an Image: use Image.of('repository:tag')`);
  }
  image._validate(scope, prop);
  return image;
}
