import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession, useSessionState } from './session.js';
import { Loading } from './shared/Loading.js';

// Each screen is its own chunk: the first load carries only the shell and the login form.
const LoginPage = lazy(() => import('./login/LoginPage.js'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout.js'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.js'));
const OrgsPage = lazy(() => import('./orgs/OrgsPage.js'));
const ProfilePage = lazy(() => import('./profile/ProfilePage.js'));
const UsersPage = lazy(() => import('./users/UsersPage.js'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage.js'));
const DeadlinesPage = lazy(() => import('./calendar/DeadlinesPage.js'));
const CalculatorPage = lazy(() => import('./calendar/CalculatorPage.js'));
const AuditPage = lazy(() => import('./audit/AuditPage.js'));
const AccountPage = lazy(() => import('./account/AccountPage.js'));
const WorkbenchPage = lazy(() => import('./publishing/WorkbenchPage.js'));
const ItemEditorPage = lazy(() => import('./publishing/ItemEditorPage.js'));
const ItemDetailPage = lazy(() => import('./publishing/ItemDetailPage.js'));
const CatalogPage = lazy(() => import('./publishing/CatalogPage.js'));
const WordsPage = lazy(() => import('./publishing/WordsPage.js'));
const SearchPage = lazy(() => import('./search/SearchPage.js'));
const SearchAnalyticsPage = lazy(() => import('./search/SearchAnalyticsPage.js'));
const InboxPage = lazy(() => import('./interaction/InboxPage.js'));
const MessageDetailPage = lazy(() => import('./interaction/MessageDetailPage.js'));
const TemplatesPage = lazy(() => import('./interaction/TemplatesPage.js'));
const InteractionSettingsPage = lazy(() => import('./interaction/SettingsPage.js'));
const HotTopicsPage = lazy(() => import('./interaction/HotTopicsPage.js'));
const FaqPage = lazy(() => import('./interaction/FaqPage.js'));
const SolicitationsPage = lazy(() => import('./interaction/SolicitationsPage.js'));
const SolicitationPage = lazy(() => import('./interaction/SolicitationPage.js'));

const HANDLING = ['item.edit', 'item.review-unit', 'item.approve', 'item.publish'];
const Forbidden = lazy(() => import('./shared/Results.js').then((m) => ({ default: m.Forbidden })));
const NotFound = lazy(() => import('./shared/Results.js').then((m) => ({ default: m.NotFound })));

function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSessionState();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** Hides a screen from those without the permission (the server refuses them anyway). */
function Permitted({ action, children }: { action: string | string[]; children: ReactNode }) {
  const { can } = useSession();
  const actions = Array.isArray(action) ? action : [action];
  if (!actions.some(can)) return <Forbidden />;
  return children;
}

export function ConsoleRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireSession>
              <ConsoleLayout />
            </RequireSession>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="publishing" element={<Permitted action={HANDLING}><WorkbenchPage /></Permitted>} />
          <Route path="publishing/new" element={<Permitted action="item.create"><ItemEditorPage /></Permitted>} />
          <Route path="publishing/items/:id" element={<Permitted action={HANDLING}><ItemDetailPage /></Permitted>} />
          <Route path="publishing/items/:id/edit" element={<Permitted action="item.edit"><ItemEditorPage /></Permitted>} />
          <Route path="search" element={<Permitted action={HANDLING}><SearchPage /></Permitted>} />
          <Route path="search/analytics" element={<Permitted action="stats.read"><SearchAnalyticsPage /></Permitted>} />
          <Route path="messages" element={<Permitted action="message.read"><InboxPage /></Permitted>} />
          <Route path="messages/templates" element={<Permitted action="interaction.manage"><TemplatesPage /></Permitted>} />
          <Route path="messages/settings" element={<Permitted action="interaction.manage"><InteractionSettingsPage /></Permitted>} />
          <Route path="messages/hot-topics" element={<Permitted action={['message.route', 'stats.read']}><HotTopicsPage /></Permitted>} />
          <Route path="messages/:id" element={<Permitted action="message.read"><MessageDetailPage /></Permitted>} />
          <Route path="faq" element={<Permitted action="interaction.manage"><FaqPage /></Permitted>} />
          <Route path="solicitations" element={<Permitted action="interaction.manage"><SolicitationsPage /></Permitted>} />
          <Route path="solicitations/:id" element={<Permitted action="interaction.manage"><SolicitationPage /></Permitted>} />
          <Route path="catalog" element={<Permitted action="catalog.edit"><CatalogPage /></Permitted>} />
          <Route path="risk-words" element={<Permitted action="catalog.edit"><WordsPage /></Permitted>} />
          <Route path="orgs" element={<Permitted action="org.read"><OrgsPage /></Permitted>} />
          <Route path="profile" element={<Permitted action="org.read"><ProfilePage /></Permitted>} />
          <Route path="users" element={<Permitted action="user.read"><UsersPage /></Permitted>} />
          <Route path="calendar" element={<Permitted action={['org.read', 'calendar.edit']}><CalendarPage /></Permitted>} />
          <Route path="deadlines" element={<Permitted action="org.read"><DeadlinesPage /></Permitted>} />
          <Route path="calculator" element={<CalculatorPage />} />
          <Route path="audit" element={<Permitted action="audit.read"><AuditPage /></Permitted>} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
