/**
 * Per-environment rewriting of the app's own image references (registry and/or tag).
 */
import { Image } from '../constructs/pod/image';
import { propNamesOf, unknownPropProblem } from '../constructs/core/prop-names';

/** Options for {@link ImageRewrite.of}. */
export interface ImageRewriteOptions {
  /**
   * Registry host (with optional port and path prefix) that replaces the registry of the image,
   * e.g. `registry.prod.example.com` turns `ghcr.io/org/app:1.2` into `registry.prod.example.com/org/app:1.2`.
   *
   * @default - the registry is kept
   */
  readonly registry?: string;
  /**
   * Tag that replaces the tag (and any digest) of the image, e.g. `1.3.0-rc.1`.
   *
   * @default - the tag is kept
   */
  readonly tag?: string;
  /**
   * Only images whose repository (after `[registry/]`, before the tag) starts with one of these
   * prefixes are rewritten, e.g. `['ghcr.io/acme/']`. Images of databases and sidecars are never rewritten.
   *
   * @default - every app image (WebApp, Worker, CronTask)
   */
  readonly repositories?: readonly string[];
}

const IMAGE_REWRITE_NAMES = propNamesOf<ImageRewriteOptions>('ImageRewriteOptions', { registry: true, tag: true, repositories: true });

/**
 * How an environment rewrites the images of its apps (`WebApp`, `Worker`, `CronTask`), e.g. to pull
 * from a mirror registry in production or to run a release candidate tag in staging.
 *
 * `ImageRewrite.registry('registry.prod.example.com')`, `ImageRewrite.tag('2.3.0-rc.1')`,
 * `ImageRewrite.of({ registry, tag, repositories })`.
 */
export class ImageRewrite {
  /** Replace the registry of every app image. */
  public static registry(registry: string): ImageRewrite {
    return new ImageRewrite({ registry });
  }

  /** Replace the tag (and any digest) of every app image. */
  public static tag(tag: string): ImageRewrite {
    return new ImageRewrite({ tag });
  }

  /** Replace registry and/or tag, optionally only for some repositories. */
  public static of(options: ImageRewriteOptions): ImageRewrite {
    return new ImageRewrite(options);
  }

  /** The registry that replaces the image's registry, if any. */
  public readonly registry?: string;
  /** The tag that replaces the image's tag, if any. */
  public readonly tag?: string;
  /** Repository prefixes the rewrite is limited to (empty: every app image). */
  public readonly repositories: readonly string[];

  /** An unknown key of the options, if any. */
  private readonly _unknown?: string;

  private constructor(options: ImageRewriteOptions) {
    this._unknown = unknownPropProblem(options, IMAGE_REWRITE_NAMES, 'images.');
    this.registry = options.registry?.replace(/\/+$/, '');
    this.tag = options.tag;
    this.repositories = [...(options.repositories ?? [])];
  }

  /**
   * The rewritten image (the same image when the rewrite does not apply to it).
   *
   * The result keeps the image's `allowMutableTag` setting and is validated by the construct
   * that receives it, like any other image.
   */
  public apply(image: Image): Image {
    if (this.repositories.length > 0 && !this.repositories.some((p) => image.repository.startsWith(p))) {
      return image;
    }
    let repository = image.repository;
    if (this.registry !== undefined) {
      repository = `${this.registry}/${withoutRegistry(repository)}`;
    }
    let suffix: string;
    if (this.tag !== undefined) {
      suffix = `:${this.tag}`;
    } else {
      suffix = `${image.tag !== undefined ? `:${image.tag}` : ''}${image.digest !== undefined ? `@${image.digest}` : ''}`;
    }
    const reference = `${repository}${suffix}`;
    return reference === image.reference ? image : Image.of(reference, { allowMutableTag: image.allowMutableTag });
  }

  /** Problems with the settings (empty when valid), each naming the field. @internal */
  public _problems(): string[] {
    const problems: string[] = this._unknown === undefined ? [] : [this._unknown];
    if (this.registry !== undefined && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9._-]+)*$/.test(this.registry)) {
      problems.push(`'images.registry' (${JSON.stringify(this.registry)}) is not a registry host like 'registry.example.com[:port][/path]'`);
    }
    if (this.tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(this.tag)) {
      problems.push(`'images.tag' (${JSON.stringify(this.tag)}) is not a valid tag (letters, digits, '_', '.', '-'; at most 128 characters)`);
    }
    return problems;
  }
}

/** The repository without its registry part (the first component when it looks like a host). */
function withoutRegistry(repository: string): string {
  const slash = repository.indexOf('/');
  if (slash < 0) {
    return repository;
  }
  const first = repository.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? repository.slice(slash + 1) : repository;
}
