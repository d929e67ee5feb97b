import { MembershipStatus, type Membership } from './organisation.entity';

/**
 * "A membership is current", written once. Lists filter members in SQL and `Organisation.isMember` answers in
 * JS for a membership already loaded; both forms come from this one status, so the two cannot disagree.
 * A former member counts as a non-member, as does an organisation that never was one.
 */
const CURRENT_STATUS = MembershipStatus.ACTIVE;

/** Whether a loaded membership (or its absence) makes its organisation a current member. */
export function isCurrentMembership(membership: Pick<Membership, 'status'> | null | undefined): boolean {
  return membership?.status === CURRENT_STATUS;
}

/** The same rule in SQL, on a membership's status column (null for an organisation that never was a member). */
export function currentMemberSql(statusColumn: string): string {
  return `coalesce(${statusColumn} = '${CURRENT_STATUS}', false)`;
}

/** The same rule as a condition on organisations: current members, or (`false`) everyone else. */
export function currentMemberCondition(isMember: boolean) {
  return isMember
    ? { membership: { status: CURRENT_STATUS } }
    : { $or: [{ membership: null }, { membership: { status: { $ne: CURRENT_STATUS } } }] };
}
