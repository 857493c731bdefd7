using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RulePlugins.Compiler;

/// <summary>
/// Lowers the worker process below normal priority, so the serving process wins the cores while a save compiles:
/// nice 10 on Unix (on Linux for every thread that exists now, and threads started later inherit it), below normal
/// priority class on Windows.
/// </summary>
internal static class WorkerPriority
{
    private const int PrioProcess = 0;
    private const int Nice = 10;

    public static void Lower()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                using var self = Process.GetCurrentProcess();
                self.PriorityClass = ProcessPriorityClass.BelowNormal;
            }
            else if (OperatingSystem.IsLinux())
            {
                // On Linux setpriority(PRIO_PROCESS) applies to one thread (task): each of the runtime's threads in turn.
                foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
                {
                    if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                    {
                        _ = SetPriority(PrioProcess, tid, Nice);
                    }
                }
            }
            else
            {
                _ = SetPriority(PrioProcess, 0, Nice);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException or System.ComponentModel.Win32Exception)
        {
            // The worker keeps normal priority; it still never shares a heap with the serving process.
            Console.Error.WriteLine($"rulehost-compiler: could not lower the priority: {ex.Message}");
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; one plain call does not.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
#pragma warning restore SYSLIB1054
}
