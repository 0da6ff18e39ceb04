// Who may do what: one table, enforced here for every surface (slash command, button, modal, API, CLI).
// Pure: the caller says who is asking and what the thing belongs to; the answer is yes, or a one-line
// refusal that names who can.

export type Action =
  | 'kpi.add'
  | 'kpi.define'
  | 'kpi.log'
  | 'alert.respond'
  | 'quarter.close'
  | 'objective.carry_over'
  | 'reflection.read'
  | 'export'
  | 'rollup';

/** The person asking, with the roles the directory gives them. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
  /** Keys of the teams this person leads. */
  leads: ReadonlySet<string>;
}

/** What the action is about: whose it is, and which team's. */
export interface Subject {
  /** A KPI's owner. */
  kpiOwner?: string | null;
  /** The team the thing belongs to, and its lead. */
  teamKey?: string | null;
  teamLead?: string | null;
  teamName?: string | null;
  /** Objective owners (closing a quarter: any objective owner of that quarter and team). */
  objectiveOwners?: readonly string[];
  /** Words for the thing, in the refusal: "this KPI", "this alert", "2026Q4". */
  what?: string;
}

export type Decision = { ok: true; as: Role } | { ok: false; refusal: string };
export type Role = 'admin' | 'team lead' | 'objective owner' | 'KPI owner';

/** The README's permission table, as data: which roles may do each action. */
export const PERMISSIONS: Record<Action, { roles: readonly Role[]; verb: string }> = {
  'kpi.add': { roles: ['admin', 'team lead'], verb: 'add a KPI' },
  'kpi.define': { roles: ['admin', 'team lead', 'KPI owner'], verb: 'change' },
  'kpi.log': { roles: ['admin', 'team lead', 'KPI owner'], verb: 'log a reading for' },
  'alert.respond': { roles: ['admin', 'team lead', 'KPI owner'], verb: 'acknowledge or snooze' },
  'quarter.close': { roles: ['admin', 'team lead', 'objective owner'], verb: 'close' },
  'objective.carry_over': { roles: ['admin', 'team lead', 'objective owner'], verb: 'carry over' },
  'reflection.read': { roles: ['team lead', 'objective owner'], verb: 'read the reflection on' },
  export: { roles: ['admin'], verb: 'export' },
  rollup: { roles: ['admin'], verb: 'see the roll-up of' },
};

function holds(role: Role, actor: Actor, subject: Subject): boolean {
  switch (role) {
    case 'admin':
      return actor.isAdmin;
    case 'team lead':
      return (
        (subject.teamLead !== undefined && subject.teamLead !== null && subject.teamLead === actor.userId) ||
        (subject.teamKey !== undefined && subject.teamKey !== null && actor.leads.has(subject.teamKey)) ||
        // Adding a KPI: any team's lead may add one (it is then theirs to define).
        (subject.teamKey === undefined && subject.teamLead === undefined && actor.leads.size > 0)
      );
    case 'objective owner':
      return subject.objectiveOwners?.includes(actor.userId) ?? false;
    case 'KPI owner':
      return !!subject.kpiOwner && subject.kpiOwner === actor.userId;
  }
}

function whoCan(roles: readonly Role[], subject: Subject): string {
  const names = roles.map((role): string => {
    switch (role) {
      case 'admin':
        return 'an admin';
      case 'team lead':
        if (subject.teamLead) return `the team's lead (<@${subject.teamLead}>)`;
        return subject.teamName ? `the ${subject.teamName} team's lead` : 'a team lead';
      case 'objective owner':
        return "the quarter's objective owners";
      default:
        return subject.kpiOwner ? `its owner (<@${subject.kpiOwner}>)` : 'its owner';
    }
  });
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** Yes (with the role that allowed it), or the refusal to show: "Only its owner (<@U1>), … can change this KPI." */
export function authorize(action: Action, actor: Actor, subject: Subject = {}): Decision {
  const rule = PERMISSIONS[action];
  const role = rule.roles.find((r) => holds(r, actor, subject));
  if (role) return { ok: true, as: role };
  const what = subject.what ? ` ${subject.what}` : '';
  return { ok: false, refusal: `Only ${whoCan(rule.roles, subject)} can ${rule.verb}${what}.` };
}
