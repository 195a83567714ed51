#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/*
 * Atomically exchanges two existing paths (Linux renameat2 with RENAME_EXCHANGE), so that
 * a report directory is replaced in one step: a reader, or a run killed at any moment,
 * sees the old directory or the new one, never none. Returns 0 on success, or -1 with
 * errno set (EINVAL or ENOSYS where the kernel or the file system cannot do it).
 */
int cfilesystem_exchange(const char *first, const char *second);

/*
 * Starts writing the file's dirty pages from offset to offset + length to disk without
 * waiting for them (Linux sync_file_range with SYNC_FILE_RANGE_WRITE), so that the disk works
 * while the caller goes on; a later fsync waits for what is left. Durability still comes from
 * that fsync only. Returns 0, or -1 with errno set; elsewhere it does nothing and returns 0.
 */
int cfilesystem_start_flush(int descriptor, long long offset, long long length);

#endif
