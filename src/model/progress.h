#ifndef SG_PROGRESS_H
#define SG_PROGRESS_H

/* Report that `share` (0..1) of the step under way is done to the hook of
 * sg_progress_set(), if any. Call from the library caller's thread. */
void sg_progress_note(double share);

#endif
