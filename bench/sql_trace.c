/* LD_PRELOAD shim for bench/report.sh: writes every statement bangfu runs through SQLite, with
 * its bound parameters inlined (sqlite3_expanded_sql), to the file named by BENCH_SQL_TRACE,
 * one statement per line ending in ';'. This is how the benchmark obtains exactly the
 * aggregate SQL that `bangfu report` runs, to replay it in the sqlite3 shell. With
 * BENCH_SQL_TIMES set, it also writes to that file, per execution, the milliseconds spent in
 * sqlite3_step (from the first step to SQLITE_DONE) and the statement's first 160 characters:
 * where bangfu's own time goes, to compare with the shell's .timer. Not part of the product;
 * built by report.sh with `cc -shared -fPIC -o out/sql_trace.so sql_trace.c -ldl`. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int sqlite3_step(sqlite3_stmt* stmt) {
    static int (*real_step)(sqlite3_stmt*) = 0;
    static FILE *out = 0, *times = 0;
    static int opened = 0;
    /* bangfu reads every row of a statement before it runs the next: one execution at a time. */
    static sqlite3_stmt* current = 0;
    static double spent = 0;
    if (!real_step) real_step = (int (*)(sqlite3_stmt*))dlsym(RTLD_NEXT, "sqlite3_step");
    if (!opened) {
        const char* path = getenv("BENCH_SQL_TRACE");
        if (path) out = fopen(path, "a");
        path = getenv("BENCH_SQL_TIMES");
        if (path) times = fopen(path, "a");
        opened = 1;
    }
    if (!sqlite3_stmt_busy(stmt)) { /* the first step of an execution */
        if (out) {
            char* sql = sqlite3_expanded_sql(stmt);
            if (sql) {
                fprintf(out, "%s;\n", sql);
                fflush(out);
                sqlite3_free(sql);
            }
        }
        current = stmt;
        spent = 0;
    }
    double t0 = times ? now_ms() : 0;
    int rc = real_step(stmt);
    if (times && stmt == current) {
        spent += now_ms() - t0;
        if (rc != SQLITE_ROW) {
            fprintf(times, "%.1f\t%.160s\n", spent, sqlite3_sql(stmt));
            fflush(times);
            current = 0;
        }
    }
    return rc;
}
