// Azure DevOps through Microsoft's own client (azure-devops-node-api's WebApi): the organisation URL, project and
// repository read from a remote's address, a connection holding the remote's PAT, and one `call` that every request
// goes through so its failures become FleetErrors (ci-errors.ts) and a cancel takes effect at once.

import type { WebApi } from 'azure-devops-node-api';
import type { IBuildApi } from 'azure-devops-node-api/BuildApi';
import type { ICoreApi } from 'azure-devops-node-api/CoreApi';
import type { IGitApi } from 'azure-devops-node-api/GitApi';
import { FleetError } from '../../../shared/errors';
import { parseRemoteUrl } from '../remotes/remote-url';
import { redactor } from '../secrets/redactor';
import { requireSecureTransport } from '../secrets/secure-transport';
import { azureCiError, type AzureErrorContext } from './ci-errors';

/** Where an Azure DevOps repository lives: https://dev.azure.com/<org>/<project>/_git/<repo> and its older forms. */
export interface AzureRepository {
  organisationUrl: string;
  organisation: string;
  project: string;
  repository: string;
}

/** Reads organisation, project and repository from an Azure Repos address (…/<project>/_git/<repo>); INVALID_URL otherwise. */
export function azureRepositoryOf(remoteUrl: string): AzureRepository {
  const url = new URL(parseRemoteUrl(remoteUrl).url);
  const path = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const git = path.indexOf('_git');
  if (git < 1 || git !== path.length - 2) {
    throw new FleetError('INVALID_URL', `${url.origin}${url.pathname} is not an Azure Repos address (https://dev.azure.com/<organisation>/<project>/_git/<repository>).`, { url: `${url.origin}${url.pathname}` });
  }
  const collection = path.slice(0, git - 1);
  // https://<org>.visualstudio.com/<project>/_git/<repo>: the organisation is the host's first label.
  const organisation = collection[collection.length - 1] ?? url.hostname.split('.')[0]!;
  return {
    organisationUrl: `${url.protocol}//${url.host}${collection.map((s) => `/${encodeURIComponent(s)}`).join('')}`,
    organisation,
    project: path[git - 1]!,
    repository: path[git + 1]!,
  };
}

export interface AzureConnectionOptions {
  organisationUrl: string;
  token: string;
  userAgent: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A WebApi bound to one organisation and PAT, its API clients made once, and calls mapped to FleetErrors. */
export class AzureConnection {
  private build?: Promise<IBuildApi>;
  private core?: Promise<ICoreApi>;
  private git?: Promise<IGitApi>;

  constructor(
    readonly webApi: WebApi,
    readonly organisationUrl: string,
    private readonly signal?: AbortSignal,
  ) {}

  buildApi(): Promise<IBuildApi> {
    return (this.build ??= this.webApi.getBuildApi());
  }

  coreApi(): Promise<ICoreApi> {
    return (this.core ??= this.webApi.getCoreApi());
  }

  gitApi(): Promise<IGitApi> {
    return (this.git ??= this.webApi.getGitApi());
  }

  /** Runs one request; its failure becomes the matching FleetError, a cancel ends the wait at once (CANCELLED). */
  async call<T>(context: AzureErrorContext, request: () => Promise<T>): Promise<T> {
    if (this.signal?.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
    const cancelled = new Promise<never>((_, reject) => {
      this.signal?.addEventListener('abort', () => reject(new FleetError('CANCELLED', 'The operation was cancelled.')), { once: true });
    });
    cancelled.catch(() => undefined);
    try {
      return await Promise.race([request(), cancelled]);
    } catch (error) {
      if (error instanceof FleetError) throw error;
      // A failed discovery request leaves a rejected promise behind: ask again next time.
      this.build = this.core = this.git = undefined;
      throw azureCiError(error, { ...context, organisationUrl: this.organisationUrl });
    }
  }
}

/** Connects to an organisation with a PAT (sent as basic auth, registered with the redactor in that form too). */
export async function createAzureConnection(options: AzureConnectionOptions): Promise<AzureConnection> {
  requireSecureTransport(options.organisationUrl, 'the token');
  // The client sends the PAT as basic auth with the user name "PAT": that form must be redacted as well.
  redactor.registerBasic('PAT', options.token);
  const { WebApi, getPersonalAccessTokenHandler } = await import('azure-devops-node-api');
  const [product, version] = options.userAgent.split('/');
  const webApi = new WebApi(
    options.organisationUrl,
    getPersonalAccessTokenHandler(options.token),
    { socketTimeout: options.timeoutMs, allowRetries: false },
    { productName: product ?? 'fleet-control', productVersion: version ?? '0', userAgent: options.userAgent },
  );
  return new AzureConnection(webApi, options.organisationUrl, options.signal);
}
