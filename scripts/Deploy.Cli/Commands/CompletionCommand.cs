using System.CommandLine;
using System.Text.Json.Nodes;

namespace Deploy.Cli.Commands;

/// <summary>
/// <c>completion bash|zsh</c>: prints a shell completion script. The script asks the CLI itself for the candidates through
/// System.CommandLine's suggest directive (<c>deploy-pipeline "[suggest:POSITION]" "LINE"</c>), so verbs, options and option
/// values (<c>--output json|text</c>) complete as the installed version defines them.
/// </summary>
public static class CompletionCommand
{
    /// <summary>The bash script: a completion function over the suggest directive.</summary>
    public const string Bash = """
        # deploy-pipeline completion for bash: source <(deploy-pipeline completion bash)
        _deploy_pipeline_complete() {
          local IFS=$'\n'
          local candidates
          candidates="$(deploy-pipeline "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" || return 0
          COMPREPLY=($(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _deploy_pipeline_complete deploy-pipeline
        """;

    /// <summary>The zsh script: the same over zsh's completion system.</summary>
    public const string Zsh = """
        # deploy-pipeline completion for zsh: source <(deploy-pipeline completion zsh)
        _deploy_pipeline_complete() {
          local -a candidates
          candidates=("${(@f)$(deploy-pipeline "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a candidates
        }
        compdef _deploy_pipeline_complete deploy-pipeline
        """;

    /// <summary>Builds the verb; with <c>--output json</c> the script is the <c>script</c> member of the document.</summary>
    public static Command Create(Verbs verbs)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script: source <(deploy-pipeline completion bash), or zsh.") { shell };
        command.SetAction(result =>
        {
            var output = CliOutput.For(result, verbs.Globals, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var script = result.GetValue(shell) == "zsh" ? Zsh : Bash;
            output.Line(script);
            output.Result(new JsonObject { ["shell"] = result.GetValue(shell), ["script"] = script });
            output.Complete(0);
            return 0;
        });
        return command;
    }
}
