// The process-wide record of which simulated IPUs are attached, so that a
// device (or an overlapping group of IPUs) is held by one Device at a time,
// as on real hardware.
#ifndef TESSEL_RUNTIME_DEVICE_IPUATTACHMENTS_HPP
#define TESSEL_RUNTIME_DEVICE_IPUATTACHMENTS_HPP

namespace tessel {

/// Claims IPUs [firstIPU, firstIPU + numIPUs); false, claiming nothing, if
/// any of them is already claimed. Thread-safe.
bool claimIPUs(unsigned firstIPU, unsigned numIPUs);
/// Releases IPUs claimed by claimIPUs.
void releaseIPUs(unsigned firstIPU, unsigned numIPUs);

} // namespace tessel

#endif
