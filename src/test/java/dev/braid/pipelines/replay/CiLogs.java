package dev.braid.pipelines.replay;

/** The log text a replayed job prints: ANSI colours, sections, and an error at the end of a failed job. */
public final class CiLogs {
    private CiLogs() {
    }

    public static String log(CiHistory.Job job) {
        StringBuilder out = new StringBuilder();
        out.append("\u001b[0KRunning with gitlab-runner 17.0.0 on ").append(job.runner).append('\n');
        out.append("\u001b[32;1m$ make ").append(job.name).append("\u001b[0;m\n");
        for (int i = 0; i < 40; i++) {
            out.append("step ").append(i).append(": ok\n");
        }
        if ("failed".equals(job.status)) {
            out.append("\u001b[31;1mERROR: Job failed: exit code 1\u001b[0;m\n");
        } else {
            out.append("\u001b[32;1mJob succeeded\u001b[0;m\n");
        }
        return out.toString();
    }
}
