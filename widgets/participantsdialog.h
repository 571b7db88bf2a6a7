// Project → Participants and Consent…: the people behind the episodes, by pseudonym, with the
// consent records they signed (form version, terms, scope, compensation, date) and whether
// they withdrew; the consent forms of the project. Leads and admins add participants, forms and
// consent records and withdraw a participant (after a confirmation that says how many episodes
// leave review approval and every export). Each step goes through core/annotation/consent.h,
// which enforces the roles and audits it; a refusal is shown in the dialog with core's words and
// changes nothing. GUI thread (the dialog keeps its own connection to the project).
#pragma once

#include <QDialog>

#include <functional>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace ts::core {
class ProjectStore;
}

namespace ts::widgets {

class ParticipantsDialog : public QDialog {
    Q_OBJECT
public:
    // Throws core::Error (naming the file) when the project cannot be opened.
    ParticipantsDialog(const QString& projectFile, const QString& user, QWidget* parent = nullptr);
    ~ParticipantsDialog() override;

    // For tests and scripts: how a withdrawal is confirmed (a question box by default).
    void setConfirm(std::function<bool(const QString& question)> f) { confirm_ = std::move(f); }

    QTableWidget* participantTable() const { return participants_; }
    QTreeWidget* consentTree() const { return consents_; }
    QTableWidget* formTable() const { return forms_; }
    QLineEdit* newPseudonym() const { return pseudonym_; }
    QLineEdit* newNotes() const { return notes_; }
    QLineEdit* consentRef() const { return consentRef_; }
    QComboBox* consentForm() const { return consentForm_; }
    QLineEdit* consentTerms() const { return consentTerms_; }
    QLineEdit* consentScope() const { return consentScope_; }
    QLineEdit* consentCompensation() const { return compensation_; }
    QLineEdit* formVersion() const { return formVersion_; }
    QLineEdit* formTitle() const { return formTitle_; }
    QPlainTextEdit* formTerms() const { return formTerms_; }
    QLineEdit* formScope() const { return formScope_; }
    QLabel* message() const { return message_; }
    QString selectedParticipant() const;
    void selectParticipant(const QString& pseudonym);

public slots:
    bool addParticipant();
    bool recordConsent();
    bool withdrawSelected();
    bool addForm();
    void reload();

signals:
    void changed(); // something was stored: the project view re-reads its episodes

private:
    bool attempt(const std::function<void()>& step, const QString& done);
    void showConsents();

    std::unique_ptr<core::ProjectStore> store_;
    QString user_;
    std::function<bool(const QString&)> confirm_;
    QTableWidget* participants_;
    QTreeWidget* consents_;
    QTableWidget* forms_;
    QLineEdit *pseudonym_, *notes_;
    QLineEdit *consentRef_, *consentTerms_, *consentScope_, *compensation_;
    QComboBox* consentForm_;
    QDateEdit* signed_;
    QPushButton *record_, *withdraw_;
    QLineEdit *formVersion_, *formTitle_, *formScope_;
    QPlainTextEdit* formTerms_;
    QLabel* message_;
};

} // namespace ts::widgets
