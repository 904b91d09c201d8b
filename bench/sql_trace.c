/* LD_PRELOAD shim for bench/report.sh: writes every statement bangfu runs through SQLite, with
 * its bound parameters inlined (sqlite3_expanded_sql), to the file named by BENCH_SQL_TRACE,
 * one statement per line ending in ';'. This is how the benchmark obtains exactly the
 * aggregate SQL that `bangfu report` runs, to replay it in the sqlite3 shell. Not part of the
 * product; built by report.sh with `cc -shared -fPIC -o out/sql_trace.so sql_trace.c -ldl`. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int sqlite3_step(sqlite3_stmt* stmt) {
    static int (*real_step)(sqlite3_stmt*) = 0;
    static FILE* out = 0;
    if (!real_step) real_step = (int (*)(sqlite3_stmt*))dlsym(RTLD_NEXT, "sqlite3_step");
    if (!out) {
        const char* path = getenv("BENCH_SQL_TRACE");
        if (path) out = fopen(path, "a");
    }
    if (out && !sqlite3_stmt_busy(stmt)) { /* the first step of an execution */
        char* sql = sqlite3_expanded_sql(stmt);
        if (sql) {
            fprintf(out, "%s;\n", sql);
            fflush(out);
            sqlite3_free(sql);
        }
    }
    return real_step(stmt);
}
