/**
 * The most a page may hold, in MB of the scene's arrays: past it a page takes minutes to write and no
 * browser opens it (past about 400 MB, Node cannot even make its text). The options refuse what they can
 * foresee before any training (options/resolve.ts), the writer the rest (writePage.ts).
 */
export const MAX_PAGE_MB = 256;
