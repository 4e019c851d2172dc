// The Azure DevOps repository behind a remote, looked up once per connection: the organisation (its connection
// data), the project and the repository each answer "not found" as null through the client, so each is asked in
// turn and a missing one is named (REPO_NOT_FOUND with data.missing = organisation | project | repository).

import { FleetError } from '../../../shared/errors';
import type { AzureCiHost } from './ci-host';

export interface AzureRepositoryIds {
  projectId: string;
  repositoryId: string;
}

const found = new WeakMap<AzureCiHost, Promise<AzureRepositoryIds>>();

function notFound(host: AzureCiHost, missing: 'organisation' | 'project' | 'repository'): FleetError {
  const what =
    missing === 'organisation'
      ? `no organisation at ${host.organisationUrl}`
      : missing === 'project'
        ? `no project "${host.project}" in ${host.organisationUrl}`
        : `no repository "${host.repositoryName}" in the project "${host.project}"`;
  return new FleetError(
    'REPO_NOT_FOUND',
    `Azure DevOps has ${what} that the token of "${host.remote}" can see. Check the remote's address (…/<organisation>/<project>/_git/<repository>) and the token's organisation.`,
    { remote: host.remote, repository: host.repository, missing },
  );
}

async function lookUp(host: AzureCiHost): Promise<AzureRepositoryIds> {
  const { connection } = host;
  const context = host.context('read the repository');
  const connectionData = await connection.call(context, () => connection.webApi.connect());
  if (!connectionData) throw notFound(host, 'organisation');
  const project = await connection.call(context, async () => (await connection.coreApi()).getProject(host.project));
  if (!project?.id) throw notFound(host, 'project');
  const repository = await connection.call(context, async () => (await connection.gitApi()).getRepository(host.repositoryName, project.id));
  if (!repository?.id) throw notFound(host, 'repository');
  return { projectId: project.id, repositoryId: repository.id };
}

/** The project and repository ids of the host's repository, asked once per host; REPO_NOT_FOUND naming what is missing. */
export function azureRepositoryIds(host: AzureCiHost): Promise<AzureRepositoryIds> {
  let ids = found.get(host);
  if (!ids) {
    ids = lookUp(host);
    found.set(host, ids);
    ids.catch(() => found.delete(host));
  }
  return ids;
}
