// The text of `fleet-control --help`: a plain string, so printing it loads nothing else.

export const USAGE = `Usage: fleet-control <command> [options]

Commands:
  serve [--port N] [--host ADDR] [<repo>]   Serve the app to a browser; the demo workspace when no repo is given.
                                            Prints the link to open: it opens one browser tab, once (a reload keeps
                                            the tab's session; a second tab is a duplicate of the first). Each line
                                            written to a piped stdin prints another link. Ctrl+C or SIGTERM stops it
                                            within a few seconds, cancelling whatever runs.
  init <repo> [--base BRANCH] [--docs-folder DIR]
                                            Commit the manifest on fleet/workspace and create one branch per module
                                            (documents under DIR/<module>/, default enhancements).
  status <repo> [--json]                    Show every module: phase, documents, ahead/behind the base, matched files.
  push <repo> [--remote NAME]... [--json]   Push every module branch and the workspace branch with new commits, to each
                                            remote (default: all), in one request per remote. Never forces. Exits 1
                                            when any branch failed; Ctrl+C cancels the push and exits 130. The first
                                            push starts a background helper (fleet-control daemon) that runs the next
                                            pushes from this build, user and environment without a new start of Node;
                                            it holds no key and exits after 10 idle minutes. FLEET_CONTROL_DAEMON=0
                                            turns it off.
  daemon --stop                             Stop the background helper of this shell's pushes (same build, user and
                                            environment).
  fetch <repo> [--remote NAME]... [--json]  Fetch into refs/remotes/<remote>/* (default: every remote); Ctrl+C as push.
  run <repo> --doc KIND[,KIND] (--modules a,b | --all) [--provider NAME] [--model M] [--base-url URL]
      [--budget USD] [--concurrency N] [--yes] [--commit]
                                            Agents draft documents (as-is, to-be, implementation-log, test-plan,
                                            summary): prints the estimate, asks to approve it unless --yes, streams
                                            progress, saves drafts (commits them with --commit), prints the totals.
                                            Exits 1 when any run failed. Default provider: the offline analyzer.
  report <repo> --html FILE                 Write the board as one self-contained HTML file (charts of progress per
                                            category and agent cost per module, no scripts), for people without the app.
  forecast <repo> [--target base|integration] [--json]
                                            Whether each module branch merges cleanly into the target (default: the
                                            integration branch fleet/integration), the paths they conflict on, which
                                            modules changed the same paths, and the order to merge in. Writes nothing.
                                            Exits 1 when a module conflicts with the target.
  check <repo> (--modules a,b | --all) [--json] [--trust-commands] [--on github|azure [--remote NAME]]
                                            Run the manifest's check command on each module branch, in a temporary
                                            checkout (never the working tree), a few at a time. Exits 1 unless all pass.
                                            A command from the manifest not yet confirmed on this machine (or changed
                                            since) is shown and asked about on a terminal; --trust-commands confirms it.
                                            --on github|azure [--remote NAME] (with --modules): runs each check on the
                                            team's CI runners instead (one workflow run per module, followed here).
  merge <repo> (--modules a,b | --ready) [--target base|integration] [--yes] [--json]
                                            Merge the modules (or every module ready to merge) in the suggested order,
                                            one merge commit each, without touching the working tree; asks first unless
                                            --yes. Stops before writing anything at a conflict and exits 1.
  implement <repo> (--modules a,b | --approved) [--engine E] [--provider P] [--model M] [--base-url URL]
      [--budget USD] [--max-turns N] [--max-minutes N] [--concurrency N] [--instruction TEXT] [--yes] [--commit]
      [--commit-failing] [--trust-commands] [--fix-ci [--remote NAME]] [--on github|azure [--remote NAME]]
                                            An agent changes each module's code as its TO-BE design says, in a working
                                            copy of its branch (never the working tree). Without --yes: prints the
                                            estimate and starts nothing. With --yes: streams each run's transcript,
                                            runs the check command, prints a summary per run. --commit commits a run
                                            whose check passed (--commit-failing: also one whose check failed or is not
                                            set); others wait for review in the app. Exits 0 when every run is ready
                                            for review (with --commit: committed), 1 otherwise, 130 after Ctrl+C (runs
                                            cancelled; changes made so far stay for review).
                                            --engine: builtin (default) | claude-code | codex | gemini | aider |
                                            opencode | qwen | custom, an agent CLI installed here (see engines) with its
                                            own login; --model is passed to it, --provider only prices its tokens. One
                                            that reports no cost needs --max-minutes.
                                            --fix-ci (one module): reads the module branch's failing CI (from --remote,
                                            default the push remote) and starts a run whose instruction holds the
                                            failing checks' summaries and log excerpts (--instruction is added to it).
                                            --on github|azure [--remote NAME] (with --modules and --budget): one run per
                                            module on the team's CI runners (the workflow Set up CI runners added),
                                            each with its share of the budget; followed here, the change comes back on
                                            fleet/review/<module>/<run> for review and accept in the app. Azure
                                            Pipelines: not supported yet.
  engines [<repo>] [--json] [--refresh]     The engines of implementation runs: the built-in loop, each agent CLI found
                                            on PATH with its version (or why it cannot run and how to install it), what
                                            it enforces and cannot, and the key mapped to it in <repo>'s settings.
  pr <repo> [--modules a,b] [--remote NAME] [--target base|integration|BRANCH] [--refresh] [--json]
                                            Open (or find) the modules' pull requests on GitHub with the remote's token
                                            (other hosts: the link to their page); --refresh asks GitHub for the states
                                            of every module's pull request; alone, lists the recorded ones.
  ci <repo> [--remote NAME] [--json]        The CI of every module branch, the workspace, integration and base branch as
                                            GitHub (checks and statuses) or Azure DevOps (builds) answers now, on the
                                            push remote (default) with its token; failing checks with their summary's
                                            first line and link. Exits 1 when the host could not be read.
  deploy <repo> --env NAME [--yes] [--confirm NAME] [--trust-commands] [--json]
                                            Deploy one environment of the manifest: prints the plan (the commit, the
                                            modules merged since its last deploy, their checks), asks y/N on a terminal
                                            (--yes skips it); an environment that asks for its name (production, or one
                                            from the base) needs --confirm NAME or the name typed on a terminal. Follows
                                            the GitHub Actions run, Azure Pipelines run or command to the end and
                                            records it on the workspace branch. Exits 0 only when it succeeded, 1 when
                                            it failed, was cancelled or could not start, 130 after Ctrl-C (which
                                            cancels the run).
  runner-job [<checkout>] --module ID --tip SHA --run-id ID --out DIR [--kind implement|check] [--budget USD]
      [--engine E] [--provider P] [--model M] [--base-url URL] [--max-turns N] [--max-minutes N]
                                            On a CI runner (the generated workflow runs it): checks that the checkout's
                                            module branch is at SHA, then one implementation run (or the module's check)
                                            headless. A change is committed on the local branch
                                            fleet/review/<module>/<run-id> (never the module branch), which the
                                            workflow pushes; record.json and transcript.jsonl go into DIR. The
                                            provider key comes from its variable (XAI_API_KEY, ...) and reaches no
                                            command. Exits 0 for a review branch or a passed check, 1 otherwise.

Options:
  -h, --help       Show this help.
  -v, --version    Print the version.

Environment:
  FLEET_CONTROL_HOME   App-data folder (default: $XDG_CONFIG_HOME/fleet-control or ~/.config/fleet-control).
  FLEET_DEBUG=1        Print stack traces with errors.
  FLEET_CONTROL_DAEMON=0
                       Run every push in its own process and start no background helper.
  XAI_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY
                       Keys for run --provider xai | openai | anthropic when none is stored in the app.
  FLEET_GIT_TOKEN      Token for push and fetch over HTTPS (FLEET_GIT_TOKEN_<REMOTE> for one remote; FLEET_GIT_USERNAME
                       for servers that need a user name). Without it, the credential stored in the app is used.
                       pr calls GitHub's API with the same token.
  FLEET_GITHUB_HOSTS   More hosts (host or host:port, comma-separated) that are GitHub Enterprise servers (API at /api/v3).
  FLEET_GITHUB_API_URL The GitHub API address to use instead of the one the remote's host implies.
`;
