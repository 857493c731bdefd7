using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RulePlugins.Compiler;

/// <summary>
/// Lowers the worker process below normal priority, so the serving process wins the cores while a save compiles. By
/// default nice 10 on Unix (on Linux for every thread that exists now; threads started later inherit it), below normal
/// priority class on Windows. With <c>idle</c>: on Linux the idle scheduling policy for every thread (SCHED_IDLE: it runs
/// only on a core nothing else wants, and a waking serving thread preempts it at once), nice 19 where that policy is
/// refused; nice 19 on other Unix systems; the idle priority class on Windows.
/// </summary>
internal static class WorkerPriority
{
    private const int PrioProcess = 0;
    private const int Nice = 10;
    private const int IdleNice = 19;
    private const int SchedIdle = 5;

    public static void Lower(bool idle)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                using var self = Process.GetCurrentProcess();
                self.PriorityClass = idle ? ProcessPriorityClass.Idle : ProcessPriorityClass.BelowNormal;
            }
            else if (OperatingSystem.IsLinux())
            {
                // On Linux setpriority(PRIO_PROCESS) applies to one thread (task): each of the runtime's threads in turn.
                foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
                {
                    if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                    {
                        var parameters = default(SchedParam);
                        if (!idle || SetScheduler(tid, SchedIdle, ref parameters) != 0)
                        {
                            _ = SetPriority(PrioProcess, tid, idle ? IdleNice : Nice);
                        }
                    }
                }
            }
            else
            {
                _ = SetPriority(PrioProcess, 0, idle ? IdleNice : Nice);
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

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    private static extern int SetScheduler(int pid, int policy, ref SchedParam parameters);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
#pragma warning disable CS0649 // Read by the kernel: the priority, 0 for SCHED_IDLE.
        public int Priority;
#pragma warning restore CS0649
    }
}
