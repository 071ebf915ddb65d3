// SPDX-License-Identifier: MIT
// What a command made that outlives it: the object `create` was asked for. Should
// a later step fail (the fstat after sizing, writing its path to a full disk),
// the error line says the object exists, so that nobody is told "failed" about a
// thing that is there (exit status 1 all the same: the command did not finish).
#pragma once

#include <string>
#include <vector>

namespace ipcdemo::made {

// "shared memory segment /x was created"
void record(std::string what);
// Every record so far, in order.
const std::vector<std::string>& so_far();

} // namespace ipcdemo::made
