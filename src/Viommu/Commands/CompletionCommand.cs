using System.CommandLine;

namespace Viommu.Cli.Commands;

/// <summary>
/// <c>viommu completion bash|zsh|fish</c>: prints a shell script that completes viommu's commands, options and
/// option values by asking viommu itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so the
/// completions always match the installed version. Install: <c>source &lt;(viommu completion bash)</c>.
/// </summary>
public static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a shell completion script (bash, zsh or fish); e.g. source <(viommu completion bash).");
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            Console.Out.Write(Script(parse.GetValue(shell)!));
            return 0;
        });
        return command;
    }

    /// <summary>The script for <paramref name="shell"/>. Each asks <c>viommu [suggest:N] "LINE"</c> with the command
    /// word spelled <c>viommu</c>, so completion also works when viommu is run by a path.</summary>
    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # bash completion for viommu (from 'viommu completion bash')
            _viommu_complete() {
                local first=${COMP_WORDS[0]}
                local line="viommu${COMP_LINE:${#first}}"
                local point=$(( COMP_POINT - ${#first} + 6 ))
                local IFS=$'\n'
                local candidates
                candidates=$("$first" "[suggest:$point]" "${line:0:$point}" 2>/dev/null) || return 0
                COMPREPLY=( $(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -o bashdefault -F _viommu_complete viommu

            """,
        "zsh" => """
            #compdef viommu
            # zsh completion for viommu (from 'viommu completion zsh')
            _viommu() {
                local before="${BUFFER[1,CURSOR]}"
                local line="viommu${before#${words[1]}}"
                local -a candidates
                candidates=("${(@f)$(${words[1]} "[suggest:${#line}]" "$line" 2>/dev/null)}")
                compadd -a candidates
            }
            compdef _viommu viommu

            """,
        "fish" => """
            # fish completion for viommu (from 'viommu completion fish')
            function __viommu_complete
                set -l before (commandline -cp)
                set -l first (commandline -cpo)[1]
                set -l line viommu(string sub -s (math (string length -- $first) + 1) -- $before)
                $first "[suggest:"(string length -- $line)"]" "$line" 2>/dev/null
            end
            complete -c viommu -f -a '(__viommu_complete)'

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shell)),
    };
}
